package io.inverseface.optim;

/**
 * A term as added to a problem: the term, the label its cost is reported under (the term's name unless
 * the caller gave one), its loss (null = plain squares), weight and parameter blocks.
 */
record ResidualBlock(String label, Term term, Loss loss, double weight, double[][] blocks) {
}
