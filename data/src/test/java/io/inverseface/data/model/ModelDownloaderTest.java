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
    void aServerThatStallsAfterTheHeadersFailsWithinTheIdleTimeoutAndLeavesNothing() throws IOException {
        server.stall("FaceXModel/jawOpen.obj");
        ModelResolver resolver = ModelResolver.builder().manifest(manifest()).environment(name -> null)
                .workingDirectory(null).cacheDirectory(cache).baseUrl(server.baseUrl()).showProgress(false)
                .downloadIdleTimeout(java.time.Duration.ofMillis(500)).build();
        long t0 = System.nanoTime();
        assertThatThrownBy(resolver::resolve).isInstanceOf(ModelDownloadException.class)
                .hasMessageContaining("jawOpen.obj").hasMessageContaining("stalled");
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds until the stall is noticed").isLessThan(10);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(cacheContents()).isEmpty();
    }

    @Test
    void aStagingFolderLeftByAKilledDownloadIsRemovedByTheNextInstall() throws IOException {
        Path stale = Files.createDirectories(cache.resolve(".fixture-model.download-123").resolve("sources"));
        Path leftover = Files.writeString(stale.resolve("half.obj"), "v 0 0");
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - java.time.Duration.ofHours(2).toMillis());
        for (Path p : List.of(leftover, stale, stale.getParent())) {
            Files.setLastModifiedTime(p, old);
        }
        Path fresh = Files.createDirectories(cache.resolve(".fixture-model.download-456")); // another live download
        resolver(manifest()).resolve();
        assertThat(stale.getParent()).doesNotExist();
        assertThat(fresh).exists();
    }

    @Test
    void offlineSaysSoInsteadOfNull() {
        java.io.IOException offline = new java.net.ConnectException();
        offline.initCause(new java.nio.channels.UnresolvedAddressException());
        assertThat(ModelDownloader.describe(offline)).isEqualTo("cannot resolve the host (offline?)");
        assertThat(ModelDownloader.describe(new java.io.IOException("disk full"))).isEqualTo("disk full");
        assertThat(ModelDownloader.describe(new java.net.ConnectException())).isEqualTo("connection refused");
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
