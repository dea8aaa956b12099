package io.inverseface.optim;

/** Powell's singular function over one block of 4; minimum 0 at the origin with a singular Hessian. */
final class Powell implements Term {
    private static final double S5 = Math.sqrt(5);
    private static final double S10 = Math.sqrt(10);

    @Override
    public int residualCount() {
        return 4;
    }

    @Override
    public int[] blockSizes() {
        return new int[] {4};
    }

    @Override
    public boolean evaluate(double[][] blocks, double[] r, double[][] jacobians) {
        double[] x = blocks[0];
        double a = x[1] - 2 * x[2];
        double b = x[0] - x[3];
        r[0] = x[0] + 10 * x[1];
        r[1] = S5 * (x[2] - x[3]);
        r[2] = a * a;
        r[3] = S10 * b * b;
        if (jacobians != null && jacobians[0] != null) {
            double[] j = jacobians[0];
            java.util.Arrays.fill(j, 0);
            j[0] = 1;
            j[1] = 10;
            j[4 + 2] = S5;
            j[4 + 3] = -S5;
            j[8 + 1] = 2 * a;
            j[8 + 2] = -4 * a;
            j[12] = 2 * S10 * b;
            j[12 + 3] = -2 * S10 * b;
        }
        return true;
    }
}
