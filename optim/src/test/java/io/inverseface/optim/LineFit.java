package io.inverseface.optim;

/** One observation of a line y = a + b·x: r = a + b·x − y over block (a, b). */
final class LineFit extends CurveObservation {

    LineFit(double x, double y) {
        super("line", x, y);
    }

    @Override
    double model(double a, double b, double[] gradient) {
        if (gradient != null) {
            gradient[0] = 1;
            gradient[1] = x;
        }
        return a + b * x;
    }
}
