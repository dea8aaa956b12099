package io.inverseface.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload path used for non-local outputs (HDFS, S3...), exercised on Hadoop's local file system. */
class OutputLocationTest {

    private final Configuration conf = new Configuration();

    @Test
    void uploadReplacesTheTargetsAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path staging = Files.createDirectories(dir.resolve("staging"));
        Files.writeString(staging.resolve("mesh.obj"), "new mesh");
        Files.writeString(staging.resolve("parameters.json"), "{}");
        Path target = Files.createDirectories(dir.resolve("out/a-1234"));
        Files.writeString(target.resolve("mesh.obj"), "old mesh from an earlier attempt");

        OutputLocation.upload(staging, target.toUri().toString(), conf);
        OutputLocation.upload(staging, target.toUri().toString(), conf); // a retried attempt

        assertThat(target.resolve("mesh.obj")).hasContent("new mesh");
        assertThat(target.resolve("parameters.json")).hasContent("{}");
        try (Stream<Path> files = Files.list(target)) {
            // Hadoop's local file system adds .crc side files; no .tmp may remain.
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"))
                    .contains("mesh.obj", "parameters.json");
        }
    }

    @Test
    void aPathIsQualifiedAndTheManifestLiesUnderTheRoot(@TempDir Path dir) throws IOException {
        OutputLocation out = OutputLocation.resolve(dir.resolve("out/").toString(), conf);
        assertThat(out.isLocal()).isTrue();
        assertThat(out.localRoot()).isEqualTo(dir.resolve("out"));
        assertThat(out.manifestUri()).isEqualTo("file:" + dir.resolve("out") + "/manifest.parquet");
    }
}
