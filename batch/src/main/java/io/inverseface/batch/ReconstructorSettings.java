package io.inverseface.batch;

import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.landmarks.FaceChoice;
import io.inverseface.core.landmarks.LandmarkDetectors;
import io.inverseface.optim.backend.Backend;
import java.io.Serializable;
import java.util.Objects;

/**
 * What an executor needs to build its reconstructor: small and serialisable, so it travels with the task
 * instead of the (large, unserialisable) reconstructor itself. The same presets as {@code inverseface batch}.
 *
 * @param quick   cut-down coarse fit (20 identity modes, one photometric round of two iterations): for tests and smoke runs
 * @param detail  run the detail stage too (and write its files)
 * @param backend  linear-algebra backend name ({@link Backend})
 * @param detector landmark detector for photos without a landmark file ({@link LandmarkDetectors#byName} form)
 * @param face     which detected face ({@link FaceChoice#parse} form)
 */
public record ReconstructorSettings(boolean quick, boolean detail, String backend, String detector, String face)
        implements Serializable {

    private static final long serialVersionUID = 3L;

    /** Checks the face choice here, on the driver, so that a typo fails the job before any task runs. */
    public ReconstructorSettings {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(detector, "detector");
        FaceChoice.parse(Objects.requireNonNull(face, "face"));
    }

    /** With the default detector, fitting the largest face. */
    public ReconstructorSettings(boolean quick, boolean detail, String backend) {
        this(quick, detail, backend, LandmarkDetectors.DEFAULT, "largest");
    }

    public static ReconstructorSettings defaults() {
        return new ReconstructorSettings(false, false, Backend.AUTO.name());
    }

    /** @return the face choice */
    public FaceChoice faceChoice() {
        return FaceChoice.parse(face);
    }

    public FaceReconstructor build() {
        FaceReconstructor.Builder b = FaceReconstructor.builder().backend(Backend.valueOf(backend))
                .landmarkDetector(LandmarkDetectors.byName(detector));
        if (quick) {
            b.coarse(c -> c.identityModes(20).photometricRounds(1).photometricIterations(2));
        }
        if (detail) {
            b.detail(d -> { });
        }
        return b.build();
    }
}
