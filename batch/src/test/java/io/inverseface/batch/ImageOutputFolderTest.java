package io.inverseface.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.core.batch.BatchItem;
import io.inverseface.core.batch.ManifestRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing through Hadoop's FileSystem API, on its local file system. */
class ImageOutputFolderTest {

    private final Configuration conf = new Configuration();

    @Test
    void aPublishedFolderIsDoneAndARepublishReplacesItsFilesWithoutTemporaries(@TempDir Path dir) throws IOException {
        Path staging = Files.createDirectories(dir.resolve("staging"));
        Files.writeString(staging.resolve("mesh.obj"), "new mesh");
        Files.writeString(staging.resolve("parameters.json"), "{}");
        Path target = Files.createDirectories(dir.resolve("out/a-1234"));
        // An earlier detail run's file, and a temporary that a killed upload left.
        Files.writeString(target.resolve("mesh.obj"), "old mesh from an earlier attempt");
        Files.writeString(target.resolve("detail.obj"), "old detail");
        Files.writeString(target.resolve(".mesh.obj.0f1e.tmp"), "half");
        ImageOutputFolder folder = ImageOutputFolder.at(target.toUri().toString(), conf);
        assertThat(folder.done()).isEmpty();
        ManifestRow row = ManifestRow.ok(BatchItem.of("a.png", "a.png"), Map.of("photo", 1.0), 1.5, 2,
                List.of("mesh.obj", "parameters.json")).withKey("k1");

        folder.publish(staging, row);
        folder.publish(staging, row); // a retried attempt

        assertThat(target.resolve("mesh.obj")).hasContent("new mesh");
        // No checksum side files, no temporaries, nothing of the earlier run.
        assertThat(folder.names()).containsExactly("done.json", "mesh.obj", "parameters.json");
        assertThat(folder.done()).contains(row);

        Files.delete(target.resolve("parameters.json"));
        assertThat(folder.done()).as("a listed file missing").isEmpty();
        folder.publish(staging, row);
        folder.retract();
        assertThat(folder.done()).isEmpty();
        assertThat(folder.names()).containsExactly("mesh.obj", "parameters.json");
    }

    @Test
    void aPathIsQualifiedAndTheManifestLiesUnderTheRoot(@TempDir Path dir) throws IOException {
        OutputLocation out = OutputLocation.resolve(dir.resolve("out/").toString(), conf);
        assertThat(out.rootUri()).isEqualTo("file:" + dir.resolve("out"));
        assertThat(out.manifestUri()).isEqualTo("file:" + dir.resolve("out") + "/manifest.parquet");
    }
}
