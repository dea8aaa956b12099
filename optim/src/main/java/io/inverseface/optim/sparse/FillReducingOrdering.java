package io.inverseface.optim.sparse;

/**
 * Symmetric permutation applied before a sparse Cholesky factorisation ({@code P·M·Pᵀ = L·Lᵀ}).
 * The ordering decides how much fill the factor {@code L} gets, hence its memory and the
 * factorisation/solve time.
 */
public enum FillReducingOrdering {
    /** Identity permutation: the matrix is factorised as given. */
    NATURAL,
    /**
     * Nested dissection ({@link NestedDissection}): recursive vertex-separator bisection of the
     * matrix graph, separators numbered last, so fill stays inside the parts.
     */
    NESTED_DISSECTION
}
