package io.inverseface.optim;

/** One observation of a line y = a + b·x: r = a + b·x − y over block (a, b). */
final class LineFit implements Term {
    private final double x;
    private final double y;

    LineFit(double x, double y) {
        this.x = x;
        this.y = y;
    }

    @Override
    public String name() {
        return "line";
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
        r[0] = blocks[0][0] + blocks[0][1] * x - y;
        if (jacobians != null && jacobians[0] != null) {
            jacobians[0][0] = 1;
            jacobians[0][1] = x;
        }
        return true;
    }
}
