package io.inverseface.core.io;

import io.inverseface.core.InverseFaceException;

/** The face is too small in the image to be fitted (outer eye corners closer than the minimum). */
public class FaceTooSmallException extends InverseFaceException {

    private static final long serialVersionUID = 1L;

    private final double interOcularDistance;
    private final double minimum;

    /**
     * @param interOcularDistance measured distance between the outer eye corners, pixels
     * @param minimum             the smallest distance accepted, pixels
     */
    public FaceTooSmallException(double interOcularDistance, double minimum) {
        super(String.format(java.util.Locale.ROOT,
                "Face too small to fit: the outer eye corners (landmarks 36 and 45) are %.1f px apart,"
                        + " at least %.0f px are needed; use a larger or closer photo",
                interOcularDistance, minimum));
        this.interOcularDistance = interOcularDistance;
        this.minimum = minimum;
    }

    /** @return measured distance between the outer eye corners, pixels */
    public double interOcularDistance() {
        return interOcularDistance;
    }

    /** @return the smallest distance accepted, pixels */
    public double minimum() {
        return minimum;
    }
}
