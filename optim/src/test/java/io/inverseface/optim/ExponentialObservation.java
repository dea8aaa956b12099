package io.inverseface.optim;

/** One observation of y = a·exp(b·x): r = a·exp(b·x) − y over the block (a, b). */
final class ExponentialObservation implements Term {
    private final double x;
    private final double y;

    ExponentialObservation(double x, double y) {
        this.x = x;
        this.y = y;
    }

    @Override
    public String name() {
        return "exp-fit";
    }

    @Override
    public int residualCount() {
        return 1;
    }

    @Override
    public int[] blockSizes() {
        return new int[] {2};
    }

    @Override
    public boolean evaluate(double[][] blocks, double[] r, double[][] jacobians) {
        double a = blocks[0][0];
        double b = blocks[0][1];
        double e = Math.exp(b * x);
        r[0] = a * e - y;
        if (jacobians != null && jacobians[0] != null) {
            jacobians[0][0] = e;
            jacobians[0][1] = a * x * e;
        }
        return true;
    }
}
