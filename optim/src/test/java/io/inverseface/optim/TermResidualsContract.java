package io.inverseface.optim;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.optim.backend.DeviceResidentBackend;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link TermResiduals} on a device backend: device terms by their kernels, the rest on the host. */
abstract class TermResidualsContract {

    protected abstract DeviceResidentBackend openOrSkip();

    @Test
    void aDeviceTermsResidualsMatchTheHostInFloat() {
        try (DeviceResidentBackend backend = openOrSkip()) {
            Random rnd = new Random(3);
            double[] sigma = new double[37];
            double[] x = new double[37];
            for (int i = 0; i < sigma.length; i++) {
                sigma[i] = 0.1 + rnd.nextDouble();
                x[i] = rnd.nextGaussian();
            }
            NormalPrior prior = new NormalPrior(sigma);
            double[] host = new double[37];
            double[] device = new double[37];
            assertThat(TermResiduals.host().evaluate(prior, new double[][] {x}, host)).isTrue();
            assertThat(TermResiduals.on(backend).evaluate(prior, new double[][] {x}, device)).isTrue();
            for (int i = 0; i < host.length; i++) {
                assertThat(device[i]).as("residual %d", i).isCloseTo(host[i], org.assertj.core.data.Offset.offset(
                        1e-5 * Math.max(1, Math.abs(host[i]))));
            }
            // Not bit-equal: it came back from the device in float.
            assertThat(device).isNotEqualTo(host);
        }
    }

    @Test
    void aHostTermAndANonFiniteResultTakeTheHostsAnswer() {
        try (DeviceResidentBackend backend = openOrSkip()) {
            double[] r = new double[1];
            assertThat(TermResiduals.on(backend).evaluate(new LineFit(2, 1), new double[][] {{1, 3}}, r)).isTrue();
            assertThat(r[0]).isEqualTo(1 + 3 * 2 - 1);
            double[] p = new double[1];
            assertThat(TermResiduals.on(backend).evaluate(new NormalPrior(new double[] {1}),
                    new double[][] {{Double.NaN}}, p)).isFalse();
        }
    }
}
