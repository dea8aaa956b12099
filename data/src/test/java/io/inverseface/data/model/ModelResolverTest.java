package io.inverseface.data.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelResolverTest {
    @TempDir
    Path root;

    /** A directory that looks like a converted model (the files the manifest names). */
    private Path fakeModel(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String f : ModelManifest.ictFaceModelLight().outputs().keySet()) {
            Files.writeString(dir.resolve(f), "x");
        }
        return dir;
    }

    private ModelResolver.Builder base(Map<String, String> env) {
        return ModelResolver.builder().environment(env::get).allowDownload(false).showProgress(false)
                .userHome(root.resolve("home")).workingDirectory(root.resolve("checkout/repo/module"));
    }

    @Test
    void eachSourceWinsOverTheLaterOnes() throws IOException {
        Path explicit = fakeModel(root.resolve("explicit"));
        Path env = fakeModel(root.resolve("env"));
        Path cache = fakeModel(root.resolve("xdg/inverseface/ict-face-light"));
        Path shared = fakeModel(root.resolve("checkout/shared/models/ict-face-light"));
        Files.createDirectories(root.resolve("checkout/repo/module"));
        Map<String, String> fullEnv = Map.of("INVERSEFACE_MODEL", env.toString(), "XDG_CACHE_HOME", root.resolve("xdg").toString());
        Map<String, String> xdgOnly = Map.of("XDG_CACHE_HOME", root.resolve("xdg").toString());

        assertThat(base(fullEnv).explicitPath(explicit).build().resolve())
                .isEqualTo(new ResolvedModel(explicit.toAbsolutePath().normalize(), ModelSource.EXPLICIT));
        assertThat(base(fullEnv).build().resolve())
                .isEqualTo(new ResolvedModel(env.toAbsolutePath().normalize(), ModelSource.ENVIRONMENT));
        assertThat(base(xdgOnly).build().resolve())
                .isEqualTo(new ResolvedModel(cache.toAbsolutePath().normalize(), ModelSource.USER_CACHE));
        assertThat(base(Map.of()).build().resolve())
                .isEqualTo(new ResolvedModel(shared.toAbsolutePath().normalize(), ModelSource.SHARED_CHECKOUT));
    }

    @Test
    void cacheFallsBackToHomeDotCacheWithoutXdg() throws IOException {
        Path cache = fakeModel(root.resolve("home/.cache/inverseface/ict-face-light"));
        ModelResolver resolver = base(Map.of()).build();
        assertThat(resolver.cacheRoot()).isEqualTo(root.resolve("home/.cache/inverseface"));
        assertThat(resolver.resolve()).isEqualTo(new ResolvedModel(cache.toAbsolutePath().normalize(), ModelSource.USER_CACHE));
        // A relative XDG_CACHE_HOME is invalid per the spec and ignored.
        assertThat(base(Map.of("XDG_CACHE_HOME", "relative/dir")).build().cacheRoot()).isEqualTo(root.resolve("home/.cache/inverseface"));
    }

    @Test
    void sharedIsFoundFromTheRepositoryRootAndFromAModuleAndFromInside() throws IOException {
        Path shared = fakeModel(root.resolve("checkout/shared/models/ict-face-light")).toAbsolutePath().normalize();
        Files.createDirectories(root.resolve("checkout/repo/data/target"));
        for (String wd : new String[] {"checkout/repo", "checkout/repo/data", "checkout/repo/data/target", "checkout"}) {
            ResolvedModel m = base(Map.of()).workingDirectory(root.resolve(wd)).build().resolve();
            assertThat(m).as(wd).isEqualTo(new ResolvedModel(shared, ModelSource.SHARED_CHECKOUT));
        }
    }

    @Test
    void invalidExplicitOrEnvironmentPathIsAnErrorNotAFallThrough() throws IOException {
        fakeModel(root.resolve("checkout/shared/models/ict-face-light"));
        Path empty = Files.createDirectories(root.resolve("empty"));
        assertThatThrownBy(() -> base(Map.of()).explicitPath(empty).build().resolve())
                .isInstanceOf(ModelResolutionException.class).hasMessageContaining("explicit model path").hasMessageContaining("model.json");
        assertThatThrownBy(() -> base(Map.of("INVERSEFACE_MODEL", root.resolve("nope").toString())).build().resolve())
                .isInstanceOf(ModelResolutionException.class).hasMessageContaining("INVERSEFACE_MODEL").hasMessageContaining("not a directory");
    }

    @Test
    void nothingFoundWithoutDownloadIsAClearError() {
        assertThatThrownBy(() -> base(Map.of()).build().resolve())
                .isInstanceOf(ModelResolutionException.class)
                .hasMessageContaining("ict-face-light").hasMessageContaining("INVERSEFACE_MODEL");
    }

    @Test
    void realSharedModelIsFoundFromThisModule() {
        // Surefire runs in the module directory; ../shared is beside the checkout where the project is set up
        // that way (a clone elsewhere resolves the model through INVERSEFACE_MODEL instead).
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.nio.file.Files.isDirectory(Path.of("..", "..", "shared", "models", "ict-face-light")),
                "no ../shared beside this checkout");
        ResolvedModel m = ModelResolver.builder().environment(k -> null).cacheDirectory(root.resolve("c"))
                .allowDownload(false).build().resolve();
        assertThat(m.source()).isEqualTo(ModelSource.SHARED_CHECKOUT);
        assertThat(m.directory().resolve("identity.f32")).exists();
    }

    @Test
    void shippedManifestPinsOneCommitAndTheConvertedHashes() {
        ModelManifest m = ModelManifest.ictFaceModelLight();
        assertThat(m.commit()).matches("[0-9a-f]{40}");
        assertThat(m.baseUrl()).contains(m.commit()).startsWith("https://");
        assertThat(m.identities()).hasSize(100);
        assertThat(m.keptExpressions()).hasSize(55);
        assertThat(m.expressions()).hasSize(57);
        assertThat(m.outputs()).containsKeys("neutral_face.obj", "identity.f32", "expression.f32", "model.json");
        assertThat(m.outputs().values()).allMatch(h -> h.matches("[0-9a-f]{64}"));
        assertThat(m.downloads()).noneMatch(f -> f.path().contains("PupilDilate"));
    }
}
