package io.inverseface.batch;

import static org.apache.spark.sql.functions.col;

import io.inverseface.core.landmarks.LandmarkDetectors;
import io.inverseface.optim.backend.Backend;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Reconstructs a list of images on Spark: one task per image (by default), the per-image work in
 * {@link ImageReconstructionTask}, outputs under OUTPUT/&lt;stable id&gt;/ and the manifest as the
 * Parquet table OUTPUT/manifest.parquet. Without a master from spark-submit or {@code --master} it runs
 * embedded on {@code local[*]}.
 *
 * <p>Idempotent and resumable: per-image files go to deterministic folders by temporary name and rename,
 * each folder's {@code done.json} last ({@link ImageOutputFolder}); a task whose folder is done with the
 * same resume key as now (photo bytes, landmarks, settings, model, version) skips the fit. The manifest is
 * written whole by Spark's committer in overwrite mode, so a retried task, a retried stage or a second
 * run of the same command leaves one row per image.
 */
@Command(name = "spark-reconstruct", mixinStandardHelpOptions = true,
        description = "Reconstructs every image of a list or directory on Spark; writes OUTPUT/<id>/ and OUTPUT/manifest.parquet.")
public final class SparkReconstructionJob implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(SparkReconstructionJob.class);

    /** More tasks than this only add scheduling cost; beyond it images are grouped per task. */
    static final int MAX_PARTITIONS = 10_000;

    /** Manifest columns, in order. */
    public static final List<String> MANIFEST_COLUMNS = List.of("input", "output", "status", "error", "landmark_rms_px",
            "seconds", "energies", "files", "key", "resumed");

    @Option(names = "--input", required = true,
            description = "A directory of PNG/JPEG images, or a text file with one path or Hadoop URI per line.")
    String input;

    @Option(names = "--output", required = true, description = "Output directory (path or Hadoop URI).")
    String output;

    @Option(names = "--master", description = "Spark master; default: spark.master as set by spark-submit, else local[*].")
    String master;

    @Option(names = "--partitions", description = "Number of tasks; default one per image (at most " + MAX_PARTITIONS + ").")
    Integer partitions;

    @Option(names = "--quick", description = "Cut-down coarse fit (20 identity modes, 1 photometric round of 2 iterations), for smoke tests.")
    boolean quick;

    @Option(names = "--detail", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Also run the detail stage and write its files (off by default, as in `inverseface batch`).")
    boolean detail;

    @Option(names = "--landmarks-dir", paramLabel = "DIR|URI",
            description = "Landmark files (.pts or .json) named like the images (a/b.png: a/b.pts, a/b.json, b.pts or b.json); "
                    + "images without one have their landmarks detected.")
    String landmarksDir;

    @Option(names = "--detector", paramLabel = "NAME", description = "Landmark detector for images without a landmark "
            + "file: face-api, mediapipe or combined, optionally with settings (default: ${DEFAULT-VALUE}).")
    String detector = LandmarkDetectors.DEFAULT;

    @Option(names = "--face", paramLabel = "WHICH", description = "Which detected face when there are several: largest "
            + "(default), score, N (the N-th largest, from 1) or X,Y (the box nearest that pixel); part of each key.")
    String face = "largest";

    @Option(names = "--backend", description = "Linear-algebra backend in the executors: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Backend backend = Backend.AUTO;

    @Option(names = "--verbose", description = "Keep Spark's INFO logging.")
    boolean verbose;

    /**
     * What a run did.
     *
     * @param resumed of the ok images, those found done (same key) and left as they were
     */
    public record Result(long images, long ok, long failed, long resumed, String manifestUri, double seconds) {
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line; returns the exit code (0 when the job completed, failed images included). */
    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.err, true), args);
    }

    /** As {@link #execute(String...)}, errors to {@code err}. */
    static int execute(java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new SparkReconstructionJob()).setErr(err);
        // A usage problem found once the job runs (no input, no landmarks directory): one line, the trace with --verbose.
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("spark-reconstruct: " + ImageReconstructionTask.describe(e));
            if (parsed.hasMatchedOption("--verbose")) {
                e.printStackTrace(line.getErr());
            }
            return 1;
        });
        return cli.execute(args);
    }

    /** The executors' settings from the options; a bad detector name or face choice fails here, on the driver. */
    ReconstructorSettings settings() {
        LandmarkDetectors.parse(detector); // checks the spec; the executors load the nets
        return new ReconstructorSettings(quick, detail, backend.name(), detector, face);
    }

    @Override
    public Integer call() throws Exception {
        ReconstructorSettings settings = settings();
        // spark-submit passes the master as the system property spark.master, which SparkConf reads.
        String effectiveMaster = master != null ? master : System.getProperty("spark.master", "local[*]");
        boolean existed = SparkSession.getDefaultSession().isDefined();
        if (!verbose && !existed && effectiveMaster.startsWith("local")) {
            quietLocalLogging(); // before SparkConf, whose first use sets up Spark's logging
        }
        SparkConf conf = new SparkConf().setAppName("inverseface-batch").setMaster(effectiveMaster);
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        if (!verbose && !existed) {
            spark.sparkContext().setLogLevel("WARN");
        }
        try {
            Result r = run(spark, input, output, landmarksDir, settings,
                    partitions);
            System.out.printf(Locale.ROOT, "%d images: %d ok (%d done before), %d failed in %.1f s (%.3f images/s); manifest %s%n",
                    r.images(), r.ok(), r.resumed(), r.failed(), r.seconds(), r.images() / r.seconds(), r.manifestUri());
            return 0;
        } finally {
            if (!existed) {
                spark.stop();
            }
        }
    }

    /**
     * Replaces log4j2's configuration by a WARN-level one unless the user gave one. Spark keeps a
     * configuration that has appenders, and loads its INFO defaults only over log4j2's bare default.
     */
    static void quietLocalLogging() {
        if (System.getProperty("log4j2.configurationFile") != null || System.getProperty("log4j.configurationFile") != null) {
            return;
        }
        try {
            java.net.URL config = SparkReconstructionJob.class.getResource("log4j2-local.properties");
            org.apache.logging.log4j.core.LoggerContext context =
                    (org.apache.logging.log4j.core.LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
            context.setConfigLocation(config.toURI());
        } catch (LinkageError | ClassCastException | java.net.URISyntaxException e) {
            LOG.debug("log4j2 not in use; logging left as configured", e);
        }
    }

    /** The job on an existing session, landmarks detected. */
    public static Result run(SparkSession spark, String input, String output, ReconstructorSettings settings,
                             Integer partitions) throws java.io.IOException {
        return run(spark, input, output, null, settings, partitions);
    }

    /**
     * The job on an existing session.
     *
     * @param landmarksDir directory (path or URI) of landmark files, or null to detect every image's landmarks
     * @param partitions   number of tasks, or null for one per image
     */
    public static Result run(SparkSession spark, String input, String output, String landmarksDir,
                             ReconstructorSettings settings, Integer partitions) throws java.io.IOException {
        long t0 = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        OutputLocation out = OutputLocation.resolve(output, hadoop);
        List<ImageItem> items = ImageListing.list(input, out, hadoop);
        LOG.info("{} images from {} to {}", items.size(), input, out.rootUri());

        String landmarks = landmarksDir == null ? null : qualifiedDirectory(landmarksDir, hadoop);
        int slices = partitions != null ? partitions : Math.min(MAX_PARTITIONS, items.size());
        ImageFunction task = new ImageReconstructionTask(settings, out, landmarks)::apply;
        writeManifest(manifest(spark, reconstruct(jsc, items, task, hadoop, Math.max(1, slices))), out);
        long[] counts = countByStatus(spark, out);
        return new Result(counts[0] + counts[1], counts[0], counts[1], counts[2], out.manifestUri(),
                (System.nanoTime() - t0) * 1e-9);
    }

    /** On the driver, before any task: a missing landmarks directory is a usage error, not a row per image. */
    static String qualifiedDirectory(String dir, Configuration conf) throws java.io.IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir);
        org.apache.hadoop.fs.FileSystem fs = p.getFileSystem(conf);
        if (!fs.getFileStatus(p).isDirectory()) {
            throw new java.io.FileNotFoundException("--landmarks-dir is not a directory: " + dir);
        }
        return fs.makeQualified(p).toString();
    }

    /** The per-image function as the executors see it (serialisable). */
    @FunctionalInterface
    interface ImageFunction extends java.io.Serializable {
        ManifestRecord apply(ImageItem item, Configuration conf);
    }

    static void writeManifest(Dataset<Row> manifest, OutputLocation out) {
        // repartition(1), not coalesce(1): coalesce would pull the reconstructions into one task too.
        manifest.repartition(1).sortWithinPartitions("input")
                .write().mode(SaveMode.Overwrite).parquet(out.manifestUri());
    }

    /** {ok, failed, resumed}, counted from the table as written: exact whatever retries happened (accumulators are not). */
    static long[] countByStatus(SparkSession spark, OutputLocation out) {
        List<Row> counts = spark.read().parquet(out.manifestUri()).groupBy("status", "resumed").count().collectAsList();
        long ok = 0;
        long failed = 0;
        long resumed = 0;
        for (Row row : counts) {
            if (ManifestRecord.OK.equals(row.getString(0))) {
                ok += row.getLong(2);
                resumed += row.getBoolean(1) ? row.getLong(2) : 0;
            } else {
                failed += row.getLong(2);
            }
        }
        return new long[] {ok, failed, resumed};
    }

    /** The lazy per-image stage: nothing runs until the manifest is written. */
    static JavaRDD<ManifestRecord> reconstruct(JavaSparkContext jsc, List<ImageItem> items, ImageFunction task,
                                               Configuration hadoop, int slices) {
        // Hadoop's Configuration is not serialisable; broadcast once rather than ship it with every task.
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(hadoop));
        return jsc.parallelize(items, slices).mapPartitions((Iterator<ImageItem> it) -> {
            List<ManifestRecord> rows = new ArrayList<>();
            Configuration c = conf.value().value();
            while (it.hasNext()) {
                rows.add(task.apply(it.next(), c));
            }
            return rows.iterator();
        });
    }

    /** Rows as the Parquet table's columns ({@link #MANIFEST_COLUMNS}). */
    static Dataset<Row> manifest(SparkSession spark, JavaRDD<ManifestRecord> rows) {
        return spark.createDataset(rows.rdd(), Encoders.bean(ManifestRecord.class)).select(
                col("input"), col("output"), col("status"), col("error"),
                col("landmarkRmsPx").as("landmark_rms_px"), col("seconds"), col("energies"), col("files"), col("key"),
                col("resumed"));
    }
}
