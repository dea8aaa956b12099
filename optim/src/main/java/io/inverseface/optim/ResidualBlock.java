package io.inverseface.optim;

/** A term as added to a problem: the term, its loss (null = plain squares), weight and parameter blocks. */
record ResidualBlock(Term term, Loss loss, double weight, double[][] blocks) {
}
