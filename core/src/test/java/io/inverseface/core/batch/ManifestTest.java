package io.inverseface.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    private static final BatchItem A = BatchItem.of("a/one.png", "/data/a/one.png");
    private static final BatchItem B = BatchItem.of("two.jpg", "/data/two.jpg");

    @Test
    void rowsRoundTripThroughOneJsonLineEach() throws Exception {
        ManifestRow ok = ManifestRow.ok(A, Map.of("landmark", 1.5, "photo", 2.0), 1.25, 3.5, List.of("mesh.obj"))
                .withKey("0123456789abcdef".repeat(4));
        ManifestRow failed = ManifestRow.failed(B, "not a readable image:\n two.jpg", 0.01);

        assertThat(Manifest.toLine(ok)).endsWith("\n").doesNotContain("\n\n");
        assertThat(Manifest.toLine(failed).strip().lines()).hasSize(1);
        assertThat(Manifest.parse(Manifest.toLine(ok))).isEqualTo(ok);
        ManifestRow back = Manifest.parse(Manifest.toLine(failed));
        assertThat(back.status()).isEqualTo(ManifestRow.Status.FAILED);
        assertThat(back.error()).isEqualTo(failed.error());
        assertThat(back.landmarkRms()).isNaN();
        assertThat(back.key()).as("a row without a key (as in older manifests)").isNull();
        assertThat(Manifest.toLine(ok)).contains("\"status\":\"ok\"");
        assertThat(ok.totalEnergy()).isEqualTo(3.5);
    }

    @Test
    void aTruncatedLastLineIsSkippedAndTheLastRowPerInputWins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(Manifest.FILE_NAME);
        String first = Manifest.toLine(ManifestRow.failed(A, "first try", 1));
        String second = Manifest.toLine(ManifestRow.ok(A, Map.of(), 1, 2, List.of("x")));
        String cut = Manifest.toLine(ManifestRow.ok(B, Map.of(), 1, 2, List.of("x")));
        Files.writeString(file, first + second + cut.substring(0, cut.length() / 2));

        assertThat(Manifest.readAll(file)).hasSize(2);
        Map<String, ManifestRow> latest = Manifest.readLatest(file);
        assertThat(latest).containsOnlyKeys("a/one.png");
        assertThat(latest.get("a/one.png").isOk()).isTrue();
    }

    @Test
    void anAtomicRewriteReplacesTheFileAndLeavesNoTemporary(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(Manifest.FILE_NAME);
        Files.writeString(file, "garbage\n");
        Manifest.writeAtomically(file, List.of(ManifestRow.failed(B, "x", 0)));

        assertThat(Files.readAllLines(file)).hasSize(1);
        assertThat(BatchFixtures.tempFiles(dir)).isZero();
    }

    @Test
    void theAppenderWritesWholeLinesFromManyThreads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(Manifest.FILE_NAME);
        try (ManifestAppender appender = ManifestAppender.open(file)) {
            java.util.stream.IntStream.range(0, 200).parallel().forEach(i -> {
                try {
                    appender.append(ManifestRow.failed(BatchItem.of("img" + i, "s"), "e".repeat(i), i));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        assertThat(Manifest.readAll(file)).hasSize(200);
        assertThat(Files.readAllLines(file)).hasSize(200);
        Files.writeString(file, "{\"input\":", StandardOpenOption.APPEND);
        assertThat(Manifest.readAll(file)).hasSize(200);
    }
}
