package io.inverseface.core.model;

import io.inverseface.data.model.ModelResolver;

import java.nio.file.Path;

/** Shared fixtures: the real model from ../shared, loaded once per test JVM. */
final class TestModels {
    private TestModels() {
    }

    static Path sharedModelDirectory() {
        return ModelResolver.builder().allowDownload(false).environment(System::getenv)
                .cacheDirectory(Path.of("target", "no-cache")).build().resolve().directory();
    }

    static FaceModel ictLight() {
        return FaceModels.ictLight();
    }
}
