package io.inverseface.optim;

/** The outer iteration of {@link Solver}. */
public enum Method {
    /** Gauss-Newton step with Armijo backtracking line search. */
    GAUSS_NEWTON,
    /** Levenberg-Marquardt with a Ceres-style trust region (ρ = actual / predicted reduction). */
    LEVENBERG_MARQUARDT
}
