package io.inverseface.benchmarks.fidelity;

import java.util.Locale;

/**
 * One synthetic photo of the scan: head pose relative to the camera, field of view, lighting, background.
 *
 * @param yawDeg     head yaw, degrees ({@link io.inverseface.render.Pose} convention)
 * @param pitchDeg   head pitch, degrees
 * @param fovDeg     the camera's horizontal field of view, degrees
 * @param light      the lighting set-up
 * @param background what is behind the head
 * @param size       image width and height, pixels
 * @param seed       seed of the background and the sensor noise
 */
public record ScanView(double yawDeg, double pitchDeg, double fovDeg, LightSetup light, BackgroundKind background,
                       int size, long seed) {

    public ScanView {
        if (!(fovDeg > 5 && fovDeg < 120) || size < 64) {
            throw new IllegalArgumentException("field of view must be in (5, 120) degrees and the size at least 64 px");
        }
    }

    /** A 512² view with a seed derived from its settings. */
    public static ScanView of(double yawDeg, double pitchDeg, double fovDeg, LightSetup light, BackgroundKind background) {
        long seed = 1000L * light.ordinal() + 100L * background.ordinal() + 7L * Math.round(yawDeg)
                + 3L * Math.round(pitchDeg) + Math.round(fovDeg);
        return new ScanView(yawDeg, pitchDeg, fovDeg, light, background, 512, seed);
    }

    /** A short, file-name-safe label, e.g. {@code soft-flat-y+20-p0-f30}. */
    public String name() {
        return String.format(Locale.ROOT, "%s-%s-y%+d-p%+d-f%d", light.name().toLowerCase(Locale.ROOT),
                background.name().toLowerCase(Locale.ROOT), Math.round(yawDeg), Math.round(pitchDeg),
                Math.round(fovDeg)).replace("p+0", "p0").replace("y+0", "y0");
    }
}
