package io.inverseface.optim;

/** Why {@link Solver} stopped. */
public enum TerminationType {
    /** A function, gradient or parameter tolerance was met. */
    CONVERGENCE,
    /** Iteration cap or time budget reached, or no further progress possible, before convergence. */
    NO_CONVERGENCE,
    /** A term could not be evaluated or produced a non-finite value; the last good parameters are restored. */
    FAILURE
}
