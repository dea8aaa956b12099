package io.inverseface.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.data.model.ModelResolver;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a real standalone cluster: a master and two one-core workers on loopback, each its own JVM,
 * the job submitted through spark-submit's main class, and one worker killed with SIGKILL while it runs
 * a fit. Afterwards every photo is in the Parquet manifest exactly once, bad files with their reason,
 * every output folder is complete and no temporary file is left; a second submission fits nothing.
 * Kept short for CI: six small photos (variants of the sample), four bad files, {@code --quick}.
 */
class StandaloneClusterJobTest {

    @AfterAll
    static void stopLocalSession() {
        if (SparkSession.getDefaultSession().isDefined()) {
            SparkSession.getDefaultSession().get().stop();
        }
    }

    private static final int GOOD = 6;
    private static final Map<String, String> BAD = Map.of(
            "bad/truncated.png", "corrupt or truncated",
            "bad/text.jpg", "not a PNG or JPEG",
            "bad/empty.png", "empty",
            "bad/blank.png", "no face found");

    @Test
    void aWorkerKilledMidJobLosesNothingAndASecondSubmissionFitsNothing(@TempDir Path dir) throws Exception {
        Path photos = writePhotos(dir.resolve("photos"));
        Path out = dir.resolve("out");
        Path logConfig = Files.writeString(dir.resolve("log4j2.properties"), String.join("\n",
                "rootLogger.level = warn", "rootLogger.appenderRef.stderr.ref = console",
                "appender.console.type = Console", "appender.console.name = console", "appender.console.target = SYSTEM_ERR",
                "appender.console.layout.type = PatternLayout", "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5level %c{1}: %msg%n",
                // One line per model load in each executor: the test counts them.
                "logger.reconstructors.name = io.inverseface.batch.ExecutorReconstructors",
                "logger.reconstructors.level = info", ""));
        String model = ModelResolver.defaults().resolve().directory().toString();

        try (StandaloneCluster cluster = StandaloneCluster.start(dir.resolve("cluster"), 2, 1, "1200m")) {
            List<String> submit = new ArrayList<>(List.of(
                    "--class", SparkReconstructionJob.class.getName(),
                    "--executor-memory", "900m", "--executor-cores", "1", "--total-executor-cores", "2",
                    "--conf", "spark.executorEnv.INVERSEFACE_MODEL=" + model,
                    "--conf", "spark.executor.extraJavaOptions=-XX:+UseSerialGC -Dlog4j2.configurationFile=" + logConfig,
                    "--conf", "spark.ui.enabled=false",
                    "--conf", "spark.driver.host=127.0.0.1"));
            submit.addAll(StandaloneCluster.classPathArguments());
            // The job's own classes are on the driver's class path: the primary resource is spark-submit's "no jar".
            submit.addAll(List.of("spark-internal", "--input", photos.toString(), "--output", out.toString(),
                    "--quick", "--backend", "CPU"));
            List<String> driverJvm = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dlog4j2.configurationFile=" + logConfig);

            Process first = cluster.submit("driver-1", submit, driverJvm);
            awaitSomeButNotAllDone(out, first, cluster.log("driver-1"));
            List<ProcessHandle> executors = cluster.killWorker(1);
            assertThat(executors).as("the killed worker had an executor").isNotEmpty();

            assertThat(first.waitFor(240, TimeUnit.SECONDS)).as("driver finished; log:%n%s", read(cluster.log("driver-1"))).isTrue();
            String log1 = read(cluster.log("driver-1"));
            assertThat(first.exitValue()).as(log1).isZero();
            assertThat(log1).as("the driver saw the executor go").contains("Lost executor");
            assertThat(summary(log1)).as(log1).containsExactly(GOOD + BAD.size(), GOOD, BAD.size());

            assertManifestAndFolders(out);
            // Loaded once per executor JVM, not per task: at most one line in each executor's log.
            List<Integer> loads = modelLoadsPerExecutor(cluster);
            assertThat(loads).as("model loads per executor").isNotEmpty().allMatch(n -> n <= 1);
            assertThat(loads.stream().mapToInt(Integer::intValue).sum()).isBetween(2, 3);

            // Second submission, on the one worker left: everything done is left as it is.
            Map<Path, FileTime> stamps = stamps(out);
            Process second = cluster.submit("driver-2", submit, driverJvm);
            assertThat(second.waitFor(240, TimeUnit.SECONDS)).isTrue();
            String log2 = read(cluster.log("driver-2"));
            assertThat(second.exitValue()).as(log2).isZero();
            assertThat(log2).contains(GOOD + " ok (" + GOOD + " done before)");
            assertThat(stamps(out)).as("no image file rewritten").isEqualTo(stamps);
            List<Row> rows = assertManifestAndFolders(out);
            assertThat(rows).filteredOn(r -> "ok".equals(r.getAs("status"))).allMatch(r -> r.<Boolean>getAs("resumed"));
        }
    }

    /** Six variants of the sample photo, and four files that are not usable photos. */
    private static Path writePhotos(Path photos) throws IOException {
        for (int i = 0; i < GOOD; i++) {
            TestPhotos.writeVariant(photos.resolve("people/p" + i + ".png"), i);
        }
        TestPhotos.writeTruncated(photos.resolve("bad/truncated.png"));
        Files.writeString(photos.resolve("bad/text.jpg"), "not a photo");
        Files.write(photos.resolve("bad/empty.png"), new byte[0]);
        BufferedImage grey = new BufferedImage(160, 160, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 160; y++) {
            for (int x = 0; x < 160; x++) {
                grey.setRGB(x, y, 0x808080);
            }
        }
        ImageIO.write(grey, "png", photos.resolve("bad/blank.png").toFile());
        return photos;
    }

    /** Waits until at least one photo is done and at least three are still to do: the workers are mid-job. */
    private static void awaitSomeButNotAllDone(Path out, Process driver, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline && driver.isAlive()) {
            long done = doneFolders(out);
            if (done >= 1) {
                assertThat(done).as("killed while the job still has photos to fit").isLessThanOrEqualTo(GOOD - 3);
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no photo done before the driver " + (driver.isAlive() ? "timed out" : "exited") + ":\n" + read(log));
    }

    private static long doneFolders(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(d -> Files.exists(d.resolve(ImageOutputFolder.DONE_FILE))).count();
        }
    }

    /** The manifest read back with Spark (a local session in this JVM), checked against the folders; returns its rows. */
    private static List<Row> assertManifestAndFolders(Path out) throws IOException {
        SparkSession spark = SparkSession.builder().master("local[1]").appName("read-manifest")
                .config("spark.ui.enabled", "false").getOrCreate();
        List<Row> rows = spark.read().parquet(out.resolve("manifest.parquet").toString()).orderBy("input").collectAsList();
        assertThat(rows).extracting(r -> r.<String>getAs("input")).doesNotHaveDuplicates().hasSize(GOOD + BAD.size());
        List<String> folders = new ArrayList<>();
        for (Row r : rows) {
            String input = r.getAs("input");
            if (BAD.containsKey(input)) {
                assertThat(r.<String>getAs("status")).as(input).isEqualTo("failed");
                assertThat(r.<String>getAs("error")).as(input).containsIgnoringCase(BAD.get(input));
                assertThat(r.<String>getAs("output")).as(input).isNull();
                continue;
            }
            assertThat(r.<String>getAs("status")).as(input + ": " + r.getAs("error")).isEqualTo("ok");
            Path folder = out.resolve(r.<String>getAs("output"));
            folders.add(folder.getFileName().toString());
            List<String> files = r.getList(r.fieldIndex("files"));
            assertThat(files).contains("mesh.obj", "parameters.json", "overlay.png");
            try (Stream<Path> s = Files.list(folder)) {
                // Complete: what the row lists and done.json, nothing else (no temporary, no half file).
                assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).as(input)
                        .containsExactlyElementsOf(Stream.concat(files.stream(), Stream.of(ImageOutputFolder.DONE_FILE)).sorted().toList());
            }
            for (String f : files) {
                assertThat(folder.resolve(f)).isNotEmptyFile();
            }
        }
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactlyElementsOf(Stream.concat(folders.stream(), Stream.of("manifest.parquet")).sorted().toList());
        }
        try (Stream<Path> s = Files.walk(out)) {
            assertThat(s.map(p -> out.relativize(p).toString()))
                    .noneMatch(p -> p.endsWith(".tmp") || p.contains("_temporary") || p.contains(".inverseface-batch"));
        }
        return rows;
    }

    /** "N images: A ok (...), F failed" of the driver's summary line. */
    private static List<Integer> summary(String log) {
        Matcher m = Pattern.compile("(\\d+) images: (\\d+) ok \\(\\d+ done before\\), (\\d+) failed").matcher(log);
        assertThat(m.find()).as("summary line in%n%s", log).isTrue();
        return List.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    /** Count of "reconstructor ready" lines in each executor's stderr, over both workers' work directories. */
    private static List<Integer> modelLoadsPerExecutor(StandaloneCluster cluster) throws IOException {
        List<Integer> counts = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            try (Stream<Path> s = Files.walk(cluster.workDir(w))) {
                for (Path stderr : s.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
                    counts.add((int) read(stderr).lines().filter(l -> l.contains("reconstructor ready")).count());
                }
            }
        }
        return counts;
    }

    private static Map<Path, FileTime> stamps(Path out) throws IOException {
        Map<Path, FileTime> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("manifest.parquet"))::iterator) {
                m.put(p, Files.getLastModifiedTime(p));
            }
        }
        return m;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }
}
