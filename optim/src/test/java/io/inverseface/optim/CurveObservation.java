package io.inverseface.optim;

/** One observation (x, y) of a two-parameter curve y = f(x; a, b): r = f − y over the block (a, b). */
abstract class CurveObservation implements Term {
    private final String name;
    final double x;
    private final double y;

    CurveObservation(String name, double x, double y) {
        this.name = name;
        this.x = x;
        this.y = y;
    }

    /** f(x; a, b); writes (∂f/∂a, ∂f/∂b) into {@code gradient} unless it is null. */
    abstract double model(double a, double b, double[] gradient);

    @Override
    public String name() {
        return name;
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
        r[0] = model(blocks[0][0], blocks[0][1], jacobians != null ? jacobians[0] : null) - y;
        return true;
    }
}
