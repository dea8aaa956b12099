package io.inverseface.core;

/**
 * Base of every typed failure raised by the inverseface library.
 *
 * <p>Unchecked so that fluent pipelines stay readable; every subclass carries a message that names
 * the problem (and the offending file where there is one) so that callers can report it verbatim.
 */
public class InverseFaceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, in words a user can act on */
    public InverseFaceException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, in words a user can act on
     * @param cause   the low-level failure that triggered this one
     */
    public InverseFaceException(String message, Throwable cause) {
        super(message, cause);
    }
}
