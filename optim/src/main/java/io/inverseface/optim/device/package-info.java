/**
 * Energy terms on a compute device: a {@link io.inverseface.optim.device.DeviceTerm} is a
 * {@link io.inverseface.optim.Term} that can also write its residuals and Jacobian rows into the solver's
 * device-resident arrays with its own kernels, through the
 * {@link io.inverseface.optim.device.DeviceTermEvaluator} it binds for a solve. The solver finds such terms
 * by itself on a {@link io.inverseface.optim.backend.DeviceResidentBackend}; {@code Problem}, {@code Term}
 * and {@code Solver} know nothing of devices.
 */
package io.inverseface.optim.device;
