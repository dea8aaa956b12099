package io.inverseface.optim.backend;

/**
 * Thrown when an explicitly requested {@link Backend} (CUDA or OpenCL) cannot be created on this
 * machine: no driver, no device, no double-precision support, or a kernel that does not compile.
 * The message names the reason. {@link Backend#AUTO} never throws it; it falls back to the CPU.
 */
public final class BackendUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Backend requested;

    public BackendUnavailableException(Backend requested, String reason) {
        super(requested + " backend unavailable: " + reason);
        this.requested = requested;
    }

    public BackendUnavailableException(Backend requested, String reason, Throwable cause) {
        super(requested + " backend unavailable: " + reason, cause);
        this.requested = requested;
    }

    /** The kind that was asked for. */
    public Backend requested() {
        return requested;
    }
}
