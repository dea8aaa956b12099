package io.inverseface.optim;

import io.inverseface.optim.backend.DeviceResidentBackend;
import io.inverseface.optim.backend.LinearAlgebraBackend;

/**
 * Residuals of one term at given parameters, outside a solve, on the backend a solve would use: what a
 * modelling layer needs for iteratively reweighted least squares (robust weights from the residuals at the
 * start of a round) without knowing where the term runs. On a device backend a
 * {@link io.inverseface.optim.device.DeviceTerm} is evaluated with its kernels (only the residuals come
 * back); every other term, and a device that fails (logged once per term), is evaluated on the host.
 */
@FunctionalInterface
public interface TermResiduals {

    /**
     * Writes the term's {@link Term#residualCount()} residuals (no Jacobian, no weight) into
     * {@code residuals}; false when the term cannot be evaluated at these parameters or a residual is
     * not finite.
     */
    boolean evaluate(Term term, double[][] blocks, double[] residuals);

    /** The host evaluation, {@link Term#evaluate} without Jacobians. */
    static TermResiduals host() {
        return (term, blocks, residuals) -> term.evaluate(blocks, residuals, null) && allFinite(residuals);
    }

    /** The evaluation on {@code backend}: its device for device terms when it has one, the host otherwise. */
    static TermResiduals on(LinearAlgebraBackend backend) {
        return backend instanceof DeviceResidentBackend device ? new DeviceTermResiduals(device.compute(), host())
                : host();
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
