package io.inverseface.optim;

/**
 * Result of {@link DerivativeChecker#check}: the Jacobian entry whose analytic value disagrees most
 * with central finite differences.
 *
 * @param termName           the term checked
 * @param residual           row of the worst entry
 * @param block              parameter block of the worst entry
 * @param parameter          index inside that block
 * @param analytic           the term's Jacobian value
 * @param numeric            the central-difference value
 * @param worstRelativeError {@code |analytic − numeric| / max(1, |analytic|, |numeric|)} (absolute for
 *                           small entries, relative for large ones); NaN never, +∞ when the term
 *                           could not be evaluated or produced a non-finite value
 * @param entriesChecked     number of Jacobian entries compared
 */
public record DerivativeReport(String termName, int residual, int block, int parameter, double analytic,
                               double numeric, double worstRelativeError, int entriesChecked) {

    /** True when every entry agrees within {@code tolerance}. */
    public boolean passes(double tolerance) {
        return worstRelativeError <= tolerance;
    }

    @Override
    public String toString() {
        return String.format("%s: worst relative error %.3e at residual %d, block %d, parameter %d "
                        + "(analytic %.9g, numeric %.9g, %d entries)",
                termName, worstRelativeError, residual, block, parameter, analytic, numeric, entriesChecked);
    }
}
