package io.inverseface.benchmarks.fidelity;

/**
 * One view's fit measured against the scan.
 *
 * @param view          the rendered view
 * @param source        where the fit's landmarks came from
 * @param rigid         the error after a rigid alignment (null when the view failed)
 * @param similarity    the error after a similarity alignment (null when the view failed)
 * @param eyeSpanMm     distance of the fitted shape's landmark vertices 36 and 45 (outer eye corners), mm
 * @param detectionErrorPx mean distance of the 51 inner landmarks (17–67) the fit was given from the true
 *                      ones, pixels (0 for {@link LandmarkSource#GIVEN})
 * @param fitLandmarkRmsPx RMS distance between the fit's projected landmark vertices and the landmarks it was
 *                      given, pixels
 * @param seconds       wall time of the reconstruction (detection included)
 * @param failure       why the view failed (no face detected, fit error), or null
 */
public record ViewResult(ScanView view, LandmarkSource source, NowResult rigid, NowResult similarity, double eyeSpanMm,
                         double detectionErrorPx, double fitLandmarkRmsPx, double seconds, String failure) {

    /** A view whose reconstruction did not produce a face. */
    public static ViewResult failed(ScanView view, LandmarkSource source, double seconds, String failure) {
        return new ViewResult(view, source, null, null, Double.NaN, Double.NaN, Double.NaN, seconds, failure);
    }

    public boolean ok() {
        return failure == null;
    }
}
