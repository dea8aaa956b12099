package io.inverseface.optim;

/** r = (10·(y − x²), 1 − x); minimum 0 at (1, 1). */
final class Rosenbrock implements Term {
    @Override
    public int residualCount() {
        return 2;
    }

    @Override
    public int[] blockSizes() {
        return new int[] {2};
    }

    @Override
    public boolean evaluate(double[][] blocks, double[] residuals, double[][] jacobians) {
        double x = blocks[0][0];
        double y = blocks[0][1];
        residuals[0] = 10 * (y - x * x);
        residuals[1] = 1 - x;
        if (jacobians != null && jacobians[0] != null) {
            double[] j = jacobians[0];
            j[0] = -20 * x;
            j[1] = 10;
            j[2] = -1;
            j[3] = 0;
        }
        return true;
    }
}
