package io.inverseface.optim.sparse;

/** Thrown when a matrix given to {@link SparseCholesky} is not symmetric positive definite. */
public final class NotPositiveDefiniteException extends IllegalArgumentException {
    /** @param message what was not positive definite */
    public NotPositiveDefiniteException(String message) {
        super(message);
    }
}
