package io.inverseface.data.model;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelDownloaderTest {
    @TempDir
    Path cache;

    private FixtureServer server;
    private Fixture fixture;

    @BeforeEach
    void start() throws IOException {
        server = new FixtureServer();
        fixture = new Fixture();
        fixture.sources.forEach(server::put);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ModelResolver resolver(ModelManifest manifest) {
        return ModelResolver.builder().manifest(manifest).environment(name -> null).workingDirectory(null)
                .cacheDirectory(cache).baseUrl(server.baseUrl()).showProgress(false).build();
    }

    private ModelManifest manifest() throws IOException {
        return fixture.manifest("https://example.invalid/", fixture.sourceHashes(), Fixture.hashes(Fixture.expectedOutputs()));
    }

    private List<Path> cacheContents() throws IOException {
        try (Stream<Path> s = Files.walk(cache)) {
            return s.filter(p -> !p.equals(cache)).toList();
        }
    }

    @Test
    void downloadsConvertsAndInstallsIntoTheCache() throws IOException {
        ResolvedModel model = resolver(manifest()).resolve();

        assertThat(model.source()).isEqualTo(ModelSource.DOWNLOAD);
        assertThat(model.directory()).isEqualTo(cache.resolve("fixture-model").toAbsolutePath().normalize());
        for (Map.Entry<String, byte[]> e : Fixture.expectedOutputs().entrySet()) {
            assertThat(model.directory().resolve(e.getKey())).as(e.getKey()).hasBinaryContent(e.getValue());
        }
        assertThat(model.directory().resolve("LICENSE")).exists();
        // Only the model directory remains: no staging folders, no .part files.
        assertThat(cacheContents()).allSatisfy(p -> assertThat(cache.relativize(p).toString()).startsWith("fixture-model"));
        assertThat(cacheContents()).noneMatch(p -> p.toString().endsWith(".part"));
        // PupilDilate shapes are left out: never requested.
        assertThat(server.requested()).noneMatch(p -> p.contains("PupilDilate"));

        // The next resolution finds the cache without touching the network.
        int requests = server.requested().size();
        ResolvedModel again = resolver(manifest()).resolve();
        assertThat(again.source()).isEqualTo(ModelSource.USER_CACHE);
        assertThat(server.requested()).hasSize(requests);
    }

    @Test
    void corruptSourceIsAChecksumErrorAndLeavesNothing() throws IOException {
        byte[] tampered = fixture.sources.get("FaceXModel/identity001.obj").clone();
        tampered[tampered.length - 2] ^= 1;
        server.put("FaceXModel/identity001.obj", tampered);

        assertThatThrownBy(() -> resolver(manifest()).resolve())
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("FaceXModel/identity001.obj");
        assertThat(cacheContents()).isEmpty();
    }

    @Test
    void convertedOutputMismatchNamesTheFileAndLeavesNothing() throws IOException {
        Map<String, String> outputs = new HashMap<>(Fixture.hashes(Fixture.expectedOutputs()));
        outputs.put("expression.f32", "0".repeat(64));
        ModelManifest manifest = fixture.manifest("https://example.invalid/", fixture.sourceHashes(), outputs);

        assertThatThrownBy(() -> resolver(manifest).resolve())
                .isInstanceOfSatisfying(ChecksumMismatchException.class, e -> assertThat(e.file()).isEqualTo("expression.f32"))
                .hasMessageContaining("expression.f32");
        assertThat(cacheContents()).isEmpty();
    }

    @Test
    void http404IsADownloadErrorAndLeavesNothing() throws IOException {
        server.remove("FaceXModel/jawOpen.obj");

        assertThatThrownBy(() -> resolver(manifest()).resolve())
                .isInstanceOf(ModelDownloadException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("jawOpen.obj");
        assertThat(cacheContents()).isEmpty();
    }

    @Test
    void unpinnedSourcesAreAcceptedWhenOutputsMatch() throws IOException {
        ModelManifest manifest = fixture.manifest("https://example.invalid/", Map.of(), Fixture.hashes(Fixture.expectedOutputs()));
        ResolvedModel model = resolver(manifest).resolve();
        assertThat(model.directory().resolve("identity.f32")).hasBinaryContent(Fixture.expectedOutputs().get("identity.f32"));
    }

    @Test
    void downloadCanBeForbidden() throws IOException {
        ModelResolver resolver = ModelResolver.builder().manifest(manifest()).environment(name -> null).workingDirectory(null)
                .cacheDirectory(cache).baseUrl(server.baseUrl()).allowDownload(false).build();
        assertThatThrownBy(resolver::resolve).isInstanceOf(ModelResolutionException.class)
                .hasMessageContaining("not found").hasMessageContaining("INVERSEFACE_MODEL");
        assertThat(server.requested()).isEmpty();
    }
}
