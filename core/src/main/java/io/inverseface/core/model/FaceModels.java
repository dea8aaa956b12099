package io.inverseface.core.model;

import io.inverseface.data.model.ModelResolver;
import io.inverseface.data.model.ResolvedModel;

import java.nio.file.Path;

/** Entry points for obtaining face models. */
public final class FaceModels {
    private static volatile FaceModel ictLight;

    private FaceModels() {
    }

    /**
     * The ICT Face Model Light, resolved by {@link ModelResolver#defaults()} (explicit path,
     * {@code INVERSEFACE_MODEL}, user cache, shared checkout, download) and loaded once per JVM:
     * the model is immutable, so every caller shares the instance.
     *
     * @throws io.inverseface.data.model.ModelResolutionException if the model cannot be found
     * @throws ModelLoadException if it is found but invalid
     */
    public static FaceModel ictLight() {
        FaceModel m = ictLight;
        if (m == null) {
            synchronized (FaceModels.class) {
                m = ictLight;
                if (m == null) {
                    ResolvedModel resolved = ModelResolver.defaults().resolve();
                    m = new IctLightModelLoader().load(resolved.directory());
                    ictLight = m;
                }
            }
        }
        return m;
    }

    /** Loads the ICT Face Model Light from a directory in the converted layout (not cached). */
    public static FaceModel load(Path directory) {
        return new IctLightModelLoader().load(directory);
    }
}
