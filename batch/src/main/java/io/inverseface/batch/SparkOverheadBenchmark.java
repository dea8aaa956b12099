package io.inverseface.batch;

import io.inverseface.data.samples.Samples;
import io.inverseface.optim.backend.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Spark's overhead on one machine: the same per-image function ({@link ImageReconstructionTask}) on N
 * copies of the sample photo, once in a plain thread pool and once as the Spark job on
 * {@code local[threads]}, in one JVM (so both share the one cached reconstructor and a warmed-up JIT).
 * The Spark time covers listing, scheduling, the reconstructions and the Parquet manifest, not the
 * session's start. The two alternate for {@code --repeats} rounds and each keeps its best time.
 */
@Command(name = "spark-overhead", mixinStandardHelpOptions = true,
        description = "Images/second of the Spark job in local mode vs the same per-image function in a plain thread pool.")
public final class SparkOverheadBenchmark implements Callable<Integer> {

    @Option(names = "--count", description = "Number of images (copies of the sample photo), default ${DEFAULT-VALUE}.")
    int count = 40;

    @Option(names = "--threads", description = "Worker threads, and Spark's local[N], default ${DEFAULT-VALUE}.")
    int threads = 2;

    @Option(names = "--repeats", description = "Timed rounds of each (best kept), default ${DEFAULT-VALUE}.")
    int repeats = 2;

    @Option(names = "--quick", description = "Cut-down coarse fit (as the job's --quick).")
    boolean quick;

    @Option(names = "--work", description = "Working directory (default: a new temporary directory).")
    Path work;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkOverheadBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("inverseface-spark-bench-");
        Path images = Files.createDirectories(dir.resolve("images"));
        for (int i = 0; i < count; i++) {
            Files.copy(Samples.astronautImage(), images.resolve(String.format(Locale.ROOT, "img-%04d.png", i)),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Configuration conf = new Configuration();
        ReconstructorSettings settings = new ReconstructorSettings(quick, false, Backend.AUTO.name());
        List<ImageItem> items = ImageListing.list(images.toString(), conf);

        // Warm-up, untimed: model load, landmark nets, JIT.
        ImageReconstructionTask warm = new ImageReconstructionTask(settings,
                OutputLocation.resolve(dir.resolve("warmup").toString(), conf), null);
        runPool(warm, items.subList(0, Math.min(items.size(), 2 * threads)), conf);

        SparkReconstructionJob.quietLocalLogging();
        SparkSession spark = SparkSession.builder().master("local[" + threads + "]").appName("spark-overhead")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        // Spark's first job loads and compiles its own code paths (Parquet writer, codegen): untimed too.
        Path warmList = Files.write(dir.resolve("warmup.txt"),
                items.subList(0, Math.min(items.size(), 2 * threads)).stream().map(ImageItem::uri).toList());
        SparkReconstructionJob.run(spark, warmList.toString(), dir.resolve("warmup-spark").toString(), settings, null);
        // Alternate the two and keep each one's best: other load on the machine hits both alike.
        double plainSeconds = Double.POSITIVE_INFINITY;
        double sparkSeconds = Double.POSITIVE_INFINITY;
        long plainOk = 0;
        long sparkOk = 0;
        double plainCpu = Double.POSITIVE_INFINITY;
        double sparkCpu = Double.POSITIVE_INFINITY;
        try {
            for (int rep = 0; rep < repeats; rep++) {
                ImageReconstructionTask plain = new ImageReconstructionTask(settings,
                        OutputLocation.resolve(dir.resolve("plain-" + rep).toString(), conf), null);
                long t0 = System.nanoTime();
                double c0 = cpuSeconds();
                plainOk = runPool(plain, items, conf);
                double p = (System.nanoTime() - t0) * 1e-9;
                double c1 = cpuSeconds();
                SparkReconstructionJob.Result r =
                        SparkReconstructionJob.run(spark, images.toString(), dir.resolve("spark-" + rep).toString(), settings, null);
                double c2 = cpuSeconds();
                sparkOk = r.ok();
                // CPU seconds of this JVM tell Spark's own work apart from other load on a shared machine.
                System.out.printf(Locale.ROOT, "run %d: plain %.1f s wall %.1f s cpu, spark %.1f s wall %.1f s cpu (load average %s)%n",
                        rep + 1, p, c1 - c0, r.seconds(), c2 - c1, loadAverage());
                plainCpu = Math.min(plainCpu, c1 - c0);
                sparkCpu = Math.min(sparkCpu, c2 - c1);
                plainSeconds = Math.min(plainSeconds, p);
                sparkSeconds = Math.min(sparkSeconds, r.seconds());
            }
        } finally {
            spark.stop();
        }

        double plainRate = count / plainSeconds;
        double sparkRate = count / sparkSeconds;
        System.out.printf(Locale.ROOT, "images: %d copies of the sample photo, %s fit, %d threads, %d cores, best of %d%n",
                count, quick ? "quick" : "full", threads, Runtime.getRuntime().availableProcessors(), repeats);
        System.out.printf(Locale.ROOT, "plain thread pool : %6.1f s  %.3f images/s  (%d ok)%n", plainSeconds, plainRate, plainOk);
        System.out.printf(Locale.ROOT, "spark local[%d]    : %6.1f s  %.3f images/s  (%d ok)%n",
                threads, sparkSeconds, sparkRate, sparkOk);
        System.out.printf(Locale.ROOT, "ratio plain/spark : %.3f  (Spark overhead %+.1f%% of wall time)%n",
                plainRate / sparkRate, 100 * (sparkSeconds / plainSeconds - 1));
        System.out.printf(Locale.ROOT, "cpu per image     : plain %.3f s, spark %.3f s (ratio %.3f)%n",
                plainCpu / count, sparkCpu / count, sparkCpu / plainCpu);
        return 0;
    }

    private static double cpuSeconds() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() * 1e-9 : Double.NaN;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    private long runPool(ImageReconstructionTask task, List<ImageItem> items, Configuration conf) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ManifestRecord>> futures = new ArrayList<>();
            for (ImageItem item : items) {
                futures.add(pool.submit(() -> task.apply(item, conf)));
            }
            long ok = 0;
            for (Future<ManifestRecord> f : futures) {
                ok += ManifestRecord.OK.equals(f.get().getStatus()) ? 1 : 0;
            }
            return ok;
        } finally {
            pool.shutdown();
        }
    }
}
