package io.inverseface.optim.device;

import io.inverseface.compute.ComputeDevice;
import io.inverseface.optim.Loss;
import io.inverseface.optim.Term;

/**
 * A {@link Term} that can also evaluate itself with kernels on a {@link ComputeDevice}, writing its
 * residuals and Jacobian straight into the solver's device-resident arrays. When the solver runs on a
 * device backend ({@code io.inverseface.optim.backend.DeviceResidentBackend}) it binds every such term
 * once per solve; terms that are not {@code DeviceTerm}s (or whose {@link #bindTo} returns null, or that
 * carry a robust {@link Loss}) are evaluated on the host as usual and only their rows are copied to the
 * device. The host {@link #evaluate} must stay the reference the device result is tested against.
 */
public interface DeviceTerm extends Term {

    /**
     * Uploads what stays fixed for a solve and returns the device evaluator, or null to be evaluated on
     * the host. May throw; the solver then logs the reason once and falls back to the host as well.
     */
    DeviceTermEvaluator bindTo(ComputeDevice device);
}
