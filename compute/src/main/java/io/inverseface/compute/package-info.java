/**
 * The device seen through one small interface, {@link io.inverseface.compute.ComputeDevice}: memory,
 * kernels written once for OpenCL C and CUDA C ({@link io.inverseface.compute.KernelDialect}), launches and
 * constant tables. The implementations live in {@code compute.opencl} (JOCL) and {@code compute.cuda}
 * (JCuda), with device probing. This module knows no solver, mesh or face: optim puts its linear algebra on
 * these devices, render its z-buffer, core the face kernels.
 */
package io.inverseface.compute;
