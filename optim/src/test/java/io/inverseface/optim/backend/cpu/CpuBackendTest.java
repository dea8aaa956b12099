package io.inverseface.optim.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.inverseface.optim.backend.Backend;
import io.inverseface.optim.backend.DenseJacobian;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CpuBackendTest {

    private static double[] randomArray(Random random, int size) {
        double[] a = new double[size];
        for (int i = 0; i < size; i++) {
            a[i] = random.nextGaussian();
        }
        return a;
    }

    /** Reference JᵀJ and Jᵀr by the definition. */
    private static void naive(double[] j, double[] r, int m, int n, double[] jtj, double[] jtr) {
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double s = 0;
                for (int k = 0; k < m; k++) {
                    s += j[k * n + a] * j[k * n + b];
                }
                jtj[a * n + b] = s;
            }
            double s = 0;
            for (int k = 0; k < m; k++) {
                s += j[k * n + a] * r[k];
            }
            jtr[a] = s;
        }
    }

    @Test
    void normalEquationsMatchDefinitionForAnyThreadCount() {
        Random random = new Random(1);
        int m = 1003;
        int n = 37;
        double[] j = randomArray(random, m * n);
        double[] r = randomArray(random, m);
        double[] refJtj = new double[n * n];
        double[] refJtr = new double[n];
        naive(j, r, m, n, refJtj, refJtr);
        for (int threads : new int[] {1, 2, 3}) {
            try (CpuBackend backend = new CpuBackend(threads)) {
                assertThat(backend.kind()).isEqualTo(Backend.CPU);
                DenseJacobian dj = backend.upload(j, m, n);
                double[] jtj = new double[n * n];
                double[] jtr = new double[n];
                backend.normalEquations(dj, r, jtj, jtr);
                assertThat(jtj).containsExactly(refJtj, within(1e-9));
                assertThat(jtr).containsExactly(refJtr, within(1e-9));
            }
        }
    }

    @Test
    void floatAndDoubleAgreeToSinglePrecision() {
        Random random = new Random(2);
        int m = 3000;
        int n = 50;
        double[] j = randomArray(random, m * n);
        float[] jf = new float[j.length];
        for (int i = 0; i < j.length; i++) {
            jf[i] = (float) j[i];
        }
        double[] r = randomArray(random, m);
        double[] v = randomArray(random, n);
        try (CpuBackend backend = new CpuBackend(2)) {
            DenseJacobian dd = backend.upload(j, m, n);
            DenseJacobian df = backend.upload(jf, m, n);
            assertThat(df.singlePrecision()).isTrue();
            assertThat(dd.singlePrecision()).isFalse();
            double[] jtjD = new double[n * n];
            double[] jtrD = new double[n];
            double[] jtjF = new double[n * n];
            double[] jtrF = new double[n];
            backend.normalEquations(dd, r, jtjD, jtrD);
            backend.normalEquations(df, r, jtjF, jtrF);
            double scale = jtjD[0];
            for (int i = 0; i < n * n; i++) {
                assertThat(jtjF[i]).isCloseTo(jtjD[i], within(1e-4 * scale));
            }
            double[] outD = new double[m];
            double[] outF = new double[m];
            backend.multiply(dd, v, outD);
            backend.multiply(df, v, outF);
            for (int i = 0; i < m; i++) {
                assertThat(outF[i]).isCloseTo(outD[i], within(1e-4 * Math.max(1, Math.abs(outD[i]))));
            }
            double[] tD = new double[n];
            double[] tF = new double[n];
            backend.multiplyTransposed(dd, r, tD);
            backend.multiplyTransposed(df, r, tF);
            assertThat(tF).containsExactly(tD, within(1e-4 * Math.sqrt(m)));
            assertThat(tD).containsExactly(jtrD, within(1e-9));
        }
    }

    @Test
    void multiplyMatchesDefinition() {
        double[] j = {1, 2, 3, 4, 5, 6};
        try (CpuBackend backend = new CpuBackend(1)) {
            DenseJacobian dj = backend.upload(j, 2, 3);
            double[] out = new double[2];
            backend.multiply(dj, new double[] {1, 0, -1}, out);
            assertThat(out).containsExactly(-2, -2);
            double[] t = new double[3];
            backend.multiplyTransposed(dj, new double[] {1, 1}, t);
            assertThat(t).containsExactly(5, 7, 9);
        }
    }

    @Test
    void choleskySolvesAndReportsIndefinite() {
        try (CpuBackend backend = new CpuBackend()) {
            double[] a = {4, 2, 2, 3};
            double[] x = new double[2];
            assertThat(backend.solveSymmetricPositiveDefinite(a, 2, new double[] {2, 1}, x)).isTrue();
            assertThat(x).containsExactly(new double[] {0.5, 0}, within(1e-12));
            double[] untouched = {7, 7};
            assertThat(backend.solveSymmetricPositiveDefinite(new double[] {1, 2, 2, 1}, 2, new double[] {1, 1},
                    untouched)).isFalse();
            assertThat(untouched).containsExactly(7, 7);
            assertThat(backend.solveSymmetricPositiveDefinite(new double[] {Double.NaN, 0, 0, 1}, 2,
                    new double[] {1, 1}, untouched)).isFalse();
        }
    }

    @Test
    void badShapesAreRejected() {
        try (CpuBackend backend = new CpuBackend(1)) {
            assertThatThrownBy(() -> backend.upload(new double[5], 2, 3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2×3");
            assertThatThrownBy(() -> new CpuBackend(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
