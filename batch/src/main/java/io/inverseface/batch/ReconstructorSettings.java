package io.inverseface.batch;

import io.inverseface.core.FaceReconstructor;
import io.inverseface.optim.backend.Backend;
import java.io.Serializable;

/**
 * What an executor needs to build its reconstructor: small and serialisable, so it travels with the task
 * instead of the (large, unserialisable) reconstructor itself. The same presets as {@code inverseface batch}.
 *
 * @param quick   cut-down coarse fit (20 identity modes, one photometric round of two iterations): for tests and smoke runs
 * @param detail  run the detail stage too (and write its files)
 * @param backend linear-algebra backend name ({@link Backend})
 */
public record ReconstructorSettings(boolean quick, boolean detail, String backend) implements Serializable {

    private static final long serialVersionUID = 2L;

    public static ReconstructorSettings defaults() {
        return new ReconstructorSettings(false, false, Backend.AUTO.name());
    }

    public FaceReconstructor build() {
        FaceReconstructor.Builder b = FaceReconstructor.builder().backend(Backend.valueOf(backend));
        if (quick) {
            b.coarse(c -> c.identityModes(20).photometricRounds(1).photometricIterations(2));
        }
        if (detail) {
            b.detail(d -> { });
        }
        return b.build();
    }
}
