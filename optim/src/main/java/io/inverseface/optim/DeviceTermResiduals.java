package io.inverseface.optim;

import io.inverseface.compute.ComputeDevice;
import io.inverseface.compute.DeviceBuffer;
import io.inverseface.optim.device.DeviceTerm;
import io.inverseface.optim.device.DeviceTermEvaluator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TermResiduals} on a device: a {@link DeviceTerm} is bound, evaluated without Jacobian, and its
 * residuals (4 bytes each) are read back; anything else, or a device failure, goes to the host.
 */
final class DeviceTermResiduals implements TermResiduals {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceTermResiduals.class);
    /** Terms whose device failure was logged (one line per term name per JVM). */
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private final ComputeDevice device;
    private final TermResiduals host;

    DeviceTermResiduals(ComputeDevice device, TermResiduals host) {
        this.device = device;
        this.host = host;
    }

    @Override
    public boolean evaluate(Term term, double[][] blocks, double[] residuals) {
        if (term instanceof DeviceTerm deviceTerm) {
            try {
                Boolean ok = onDevice(deviceTerm, blocks, residuals);
                if (ok != null) {
                    return ok;
                }
            } catch (RuntimeException | LinkageError e) {
                if (LOGGED.add(term.name())) {
                    LOG.warn("residuals of '{}' on the host: the device failed ({})", term.name(), e.toString());
                }
            }
        }
        return host.evaluate(term, blocks, residuals);
    }

    /** The residuals by the term's kernels; null when the term declines the device. */
    private Boolean onDevice(DeviceTerm term, double[][] blocks, double[] out) {
        int n = term.residualCount();
        float[] values = new float[n];
        int[] noColumns = new int[blocks.length];
        java.util.Arrays.fill(noColumns, -1);
        try (DeviceTermEvaluator e = term.bindTo(device)) {
            if (e == null) {
                return null;
            }
            try (DeviceBuffer r = device.allocate(n)) {
                if (!e.evaluate(blocks, r, null, 0, 0, noColumns, 1.0)) {
                    return false;
                }
                device.read(r, 0, values, n);
            }
        }
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(values[i])) {
                return false;
            }
            out[i] = values[i];
        }
        return true;
    }
}
