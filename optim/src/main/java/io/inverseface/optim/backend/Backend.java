package io.inverseface.optim.backend;

/**
 * Where the heavy linear algebra runs. {@link #AUTO} probes CUDA, then OpenCL, once per JVM,
 * caches the answer and falls back to {@link #CPU} with one log line; it never throws because a
 * machine has no GPU or no driver. See {@link Backends#create(Backend)}.
 */
public enum Backend {
    AUTO,
    CPU,
    OPENCL,
    CUDA
}
