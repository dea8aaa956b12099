package io.inverseface.optim;

/** One observation of y = a·exp(b·x): r = a·exp(b·x) − y over the block (a, b). */
final class ExponentialObservation extends CurveObservation {

    ExponentialObservation(double x, double y) {
        super("exp-fit", x, y);
    }

    @Override
    double model(double a, double b, double[] gradient) {
        double e = Math.exp(b * x);
        if (gradient != null) {
            gradient[0] = e;
            gradient[1] = a * x * e;
        }
        return a * e;
    }
}
