package io.inverseface.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.data.samples.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job in local mode on the sample photo twice and one corrupt file. */
class SparkReconstructionJobTest {

    private static final ReconstructorSettings QUICK = new ReconstructorSettings(true, "CPU");

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        // local[2,2]: two task slots and a second attempt for a failed task (local mode allows none by default).
        spark = SparkSession.builder().master("local[2,2]").appName("inverseface-batch-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void reconstructsGoodImagesRecordsTheCorruptOneAndIsIdempotent(@TempDir Path dir) throws IOException {
        Path list = threeImages(dir);
        Path out = dir.resolve("out");

        SparkReconstructionJob.Result first = SparkReconstructionJob.run(spark, list.toString(), out.toString(), QUICK, null);

        assertThat(first.ok()).isEqualTo(2);
        assertThat(first.failed()).isEqualTo(1);
        List<Row> rows = manifest(out);
        assertThat(spark.read().parquet(out.resolve("manifest.parquet").toString()).columns())
                .containsExactlyElementsOf(SparkReconstructionJob.MANIFEST_COLUMNS);
        assertThat(rows).extracting(r -> r.getString(0)).containsExactly("a.png", "corrupt.png", "nested/b.png");

        Row corrupt = rows.get(1);
        assertThat(corrupt.<String>getAs("status")).isEqualTo("failed");
        assertThat(corrupt.<String>getAs("error")).contains("corrupt.png");
        assertThat(corrupt.<String>getAs("output")).isNull();
        assertThat(corrupt.<Double>getAs("landmark_rms_px")).isNull();

        for (Row ok : List.of(rows.get(0), rows.get(2))) {
            assertThat(ok.<String>getAs("status")).isEqualTo("ok");
            assertThat(ok.<String>getAs("error")).isNull();
            assertThat(ok.<Double>getAs("landmark_rms_px")).isFinite().isPositive();
            assertThat(ok.<Double>getAs("seconds")).isPositive();
            Map<String, Double> energies = ok.getJavaMap(ok.fieldIndex("energies"));
            assertThat(energies).isNotEmpty();
            Path images = out.resolve(ok.<String>getAs("output"));
            for (String f : List.of("mesh.obj", "mesh.ply", "parameters.json", "overlay.png", "shaded.png")) {
                assertThat(images.resolve(f)).isNotEmptyFile();
            }
        }
        List<String> outputs = listing(out);

        // Once more through the command line: same rows, same files, nothing added.
        assertThat(SparkReconstructionJob.execute("--input", list.toString(), "--output", out.toString(), "--quick",
                "--backend", "CPU")).isZero();
        assertThat(manifest(out)).hasSize(3).extracting(r -> r.getString(0))
                .containsExactly("a.png", "corrupt.png", "nested/b.png");
        assertThat(listing(out)).isEqualTo(outputs);
    }

    @Test
    void aRetriedTaskOverwritesItsOutputsInsteadOfDuplicatingThem(@TempDir Path dir) throws IOException {
        threeImages(dir);
        // One good image is enough here (each reconstruction runs twice): keeps the test short.
        Path list = Files.writeString(dir.resolve("images/retry.txt"), "a.png\ncorrupt.png\n");
        Path out = dir.resolve("out");
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        List<ImageItem> items = ImageListing.list(list.toString(), hadoop);
        OutputLocation location = OutputLocation.resolve(out.toString(), hadoop);
        ImageReconstructionTask real = new ImageReconstructionTask(QUICK, location);
        // Every first attempt writes its outputs, then dies: as if the executor were lost after the writes.
        SparkReconstructionJob.ImageFunction flaky = (item, conf) -> {
            ManifestRecord row = real.apply(item, conf);
            if (TaskContext.get().attemptNumber() == 0) {
                throw new IllegalStateException("injected failure after " + row);
            }
            return row;
        };

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SparkReconstructionJob.writeManifest(SparkReconstructionJob.manifest(spark,
                SparkReconstructionJob.reconstruct(jsc, items, flaky, hadoop, items.size())), location);

        assertThat(SparkReconstructionJob.countByStatus(spark, location)).containsExactly(1, 1);
        assertThat(manifest(out)).hasSize(2);
        // One image directory (7 files) and the manifest; no temporary file left by either attempt.
        assertThat(listing(out)).hasSize(8).allMatch(p -> p.startsWith(items.get(0).outputName() + "/"));
        try (Stream<Path> dirs = Files.list(out)) {
            assertThat(dirs.filter(Files::isDirectory).count()).isEqualTo(2);
        }
    }

    /** a.png and nested/b.png: the sample photo; corrupt.png: its first 2 kB. The list names them relatively. */
    static Path threeImages(Path dir) throws IOException {
        Path images = dir.resolve("images");
        Files.createDirectories(images.resolve("nested"));
        Files.copy(Samples.astronautImage(), images.resolve("a.png"));
        Files.copy(Samples.astronautImage(), images.resolve("nested/b.png"));
        byte[] png = Files.readAllBytes(Samples.astronautImage());
        Files.write(images.resolve("corrupt.png"), java.util.Arrays.copyOf(png, 2048));
        return Files.writeString(images.resolve("list.txt"), "# test images\na.png\nnested/b.png\n\ncorrupt.png\na.png\n");
    }

    private static List<Row> manifest(Path out) {
        return spark.read().parquet(out.resolve("manifest.parquet").toString()).orderBy("input").collectAsList();
    }

    private static List<String> listing(Path out) throws IOException {
        try (Stream<Path> walk = Files.walk(out)) {
            // Parquet part names carry a fresh job id each run: compare the per-image files only.
            return walk.filter(Files::isRegularFile).map(p -> out.relativize(p).toString())
                    .filter(p -> !p.startsWith("manifest.parquet")).sorted().toList();
        }
    }
}
