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

    private static final ReconstructorSettings QUICK = new ReconstructorSettings(true, false, "CPU");

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
        ImageReconstructionTask real = new ImageReconstructionTask(QUICK, location, null);
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

        // The retry found the folder its first attempt had finished: no second fit.
        assertThat(SparkReconstructionJob.countByStatus(spark, location)).containsExactly(1, 1, 1);
        assertThat(manifest(out)).hasSize(2);
        // One image directory (8 files and done.json) and the manifest; no temporary file left by either attempt.
        assertThat(listing(out)).hasSize(9).allMatch(p -> p.startsWith(items.get(0).outputName() + "/"));
        try (Stream<Path> dirs = Files.list(out)) {
            assertThat(dirs.filter(Files::isDirectory).count()).isEqualTo(2);
        }
    }

    @Test
    void aSecondRunSkipsWhatIsDoneAndRedoesAPhotoReplacedUnderTheSameName(@TempDir Path dir) throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        Files.copy(Samples.astronautImage(), images.resolve("a.png"));
        TestPhotos.writeVariant(images.resolve("b.png"), 1);
        TestPhotos.writeTruncated(images.resolve("corrupt.png"));
        Path out = dir.resolve("out");
        SparkReconstructionJob.Result first = SparkReconstructionJob.run(spark, images.toString(), out.toString(), QUICK, null);
        assertThat(first.ok()).isEqualTo(2);
        assertThat(first.resumed()).isZero();
        Map<String, Row> before = byInput(manifest(out));
        Map<Path, java.nio.file.attribute.FileTime> stamps = stamps(out.resolve(before.get("a.png").<String>getAs("output")));

        TestPhotos.writeVariant(images.resolve("b.png"), 2);
        SparkReconstructionJob.Result second = SparkReconstructionJob.run(spark, images.toString(), out.toString(), QUICK, null);

        assertThat(second.ok()).isEqualTo(2);
        assertThat(second.failed()).isEqualTo(1);
        assertThat(second.resumed()).isEqualTo(1);
        Map<String, Row> after = byInput(manifest(out));
        assertThat(after.get("a.png").<Boolean>getAs("resumed")).isTrue();
        assertThat(after.get("a.png").<String>getAs("key")).isEqualTo(before.get("a.png").getAs("key"));
        assertThat(after.get("a.png").<Double>getAs("landmark_rms_px")).isEqualTo(before.get("a.png").getAs("landmark_rms_px"));
        assertThat(stamps(out.resolve(after.get("a.png").<String>getAs("output")))).isEqualTo(stamps);
        assertThat(after.get("b.png").<Boolean>getAs("resumed")).isFalse();
        assertThat(after.get("b.png").<String>getAs("key")).matches("[0-9a-f]{64}").isNotEqualTo(before.get("b.png").getAs("key"));
        assertThat(after.get("corrupt.png").<String>getAs("status")).isEqualTo("failed");
        assertThat(after.get("corrupt.png").<String>getAs("key")).as("the bytes were read").isNotNull();
    }

    @Test
    void landmarksComeFromTheLandmarksDirAndDetailIsAnotherSetting(@TempDir Path dir) throws Exception {
        Path images = Files.createDirectories(dir.resolve("images/people"));
        Files.copy(Samples.astronautImage(), images.resolve("a.png"));
        Path marks = Files.createDirectories(dir.resolve("marks/people"));
        Files.copy(Samples.astronautLandmarksPts(), marks.resolve("a.pts"));
        Path out = dir.resolve("out");
        String root = dir.resolve("images").toString();

        SparkReconstructionJob.Result coarse = SparkReconstructionJob.run(spark, root, out.toString(),
                dir.resolve("marks").toString(), QUICK, null);
        assertThat(coarse.ok()).isEqualTo(1);
        Row row = manifest(out).get(0);
        Path folder = out.resolve(row.<String>getAs("output"));
        com.fasterxml.jackson.databind.JsonNode input = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(folder.resolve("parameters.json").toFile()).path("landmarks").path("input");
        double[] given = io.inverseface.core.io.LandmarksReader.read(Samples.astronautLandmarksPts()).coordinates();
        assertThat(input.get(30).get(0).asDouble()).isEqualTo(given[60]);
        assertThat(input.get(30).get(1).asDouble()).isEqualTo(given[61]);
        assertThat(row.getList(row.fieldIndex("files"))).doesNotContain("detail.obj");

        ReconstructorSettings withDetail = new ReconstructorSettings(true, true, "CPU");
        SparkReconstructionJob.Result detail = SparkReconstructionJob.run(spark, root, out.toString(),
                dir.resolve("marks").toString(), withDetail, null);
        assertThat(detail.resumed()).as("a coarse result is not done for a detail run").isZero();
        assertThat(folder.resolve("detail.obj")).isNotEmptyFile();
        assertThat(folder.resolve("detail-grid.png")).isNotEmptyFile();

        // Back to coarse only: redone, and the detail files of the other run are gone.
        assertThat(SparkReconstructionJob.execute("--input", root, "--output", out.toString(), "--landmarks-dir",
                dir.resolve("marks").toString(), "--quick", "--backend", "CPU")).isZero();
        Row last = manifest(out).get(0);
        assertThat(last.<Boolean>getAs("resumed")).isFalse();
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactlyElementsOf(java.util.stream.Stream.concat(
                            last.<String>getList(last.fieldIndex("files")).stream(), Stream.of("done.json")).sorted().toList());
        }
    }

    @Test
    void aMissingLandmarksDirIsOneLineBeforeAnyTask(@TempDir Path dir) throws Exception {
        java.io.StringWriter err = new java.io.StringWriter();
        int code = SparkReconstructionJob.execute(new java.io.PrintWriter(err, true), "--input",
                Files.createDirectories(dir.resolve("images")).toString(), "--output", dir.resolve("out").toString(),
                "--landmarks-dir", dir.resolve("nowhere").toString(), "--quick");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("spark-reconstruct: FileNotFoundException:").contains("nowhere")
                .doesNotContain("\n\tat ");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    private static Map<String, Row> byInput(List<Row> rows) {
        Map<String, Row> m = new java.util.TreeMap<>();
        rows.forEach(r -> m.put(r.getString(0), r));
        return m;
    }

    private static Map<Path, java.nio.file.attribute.FileTime> stamps(Path folder) throws IOException {
        Map<Path, java.nio.file.attribute.FileTime> m = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                m.put(p, Files.getLastModifiedTime(p));
            }
        }
        return m;
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
