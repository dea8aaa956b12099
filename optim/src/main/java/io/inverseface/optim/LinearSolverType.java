package io.inverseface.optim;

/** How the linear step {@code (JᵀJ + μD)·δ = −Jᵀr} is solved. */
public enum LinearSolverType {
    /** Forms JᵀJ (n×n) and solves by Cholesky, with increasing diagonal damping when not positive definite. */
    DENSE_CHOLESKY,
    /** Matrix-free Jacobi-preconditioned conjugate gradient: only J·v and Jᵀ·u, never JᵀJ. */
    CONJUGATE_GRADIENT,
    /** Picks by problem shape, see {@link LinearStep#choose(int, int)}. */
    AUTO
}
