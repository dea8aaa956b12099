package io.inverseface.benchmarks.photos;

/**
 * One photo's result. NME values are fractions of the ground truth's outer-eye-corner distance; NaN
 * where that part did not run or failed.
 *
 * @param photo          {@code <subset>/<file>}
 * @param subset         {@code lfpw-test} or {@code afw}
 * @param status         what happened
 * @param faces          detections in the photo (-1 when detection did not run)
 * @param eyeDistance    ground-truth distance between points 36 and 45, pixels (NaN when unreadable)
 * @param detectorNme68  the detector's 68 points against the ground truth
 * @param detectorNme51  the detector's inner 51 points (17–67)
 * @param fitNme68       the fit to the detected points: its 68 projected landmarks against the ground truth
 * @param fitNme51       the same over the inner 51
 * @param givenNme68     the fit to the ground-truth points themselves, against them ({@code --given})
 * @param givenNme51     the same over the inner 51
 * @param detectorOffset mean signed {@code detected − truth} over the 68 points, {@code {dx, dy}} pixels
 * @param detectSeconds  detection time
 * @param fitSeconds     reconstruction time from the detected points
 * @param givenSeconds   reconstruction time from the ground truth
 * @param error          the first failure, {@code "<stage>: <exception>"}, or null
 */
public record PhotoRow(String photo, String subset, Status status, int faces, double eyeDistance,
                       double detectorNme68, double detectorNme51, double fitNme68, double fitNme51,
                       double givenNme68, double givenNme51, double[] detectorOffset,
                       double detectSeconds, double fitSeconds, double givenSeconds, String error) {

    /** Outcome of a photo. */
    public enum Status {
        /** The annotated face was found and the fit succeeded. */
        OK,
        /** No detection's box contains the ground-truth centroid. */
        MISS,
        /** The annotated face was found but the fit to its detected points failed. */
        FIT_FAILED,
        /** The photo or its annotation could not be read, or detection threw. */
        FAILED
    }

    /** @return whether the annotated face was found (detector NME exists) */
    public boolean found() {
        return status == Status.OK || status == Status.FIT_FAILED;
    }

    /** @return whether both the detector's and the fit's NME exist */
    public boolean paired() {
        return status == Status.OK;
    }
}
