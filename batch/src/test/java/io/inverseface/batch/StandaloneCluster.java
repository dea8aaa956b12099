package io.inverseface.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone cluster on loopback for tests: a master and workers, each its own JVM started from
 * the Spark classes on this JVM's class path (nothing downloaded, no Spark installation). Workers start
 * executors from an empty stand-in SPARK_HOME, with the application's class path given as
 * {@code spark.executor.extraClassPath} ({@link #submitArguments}).
 */
final class StandaloneCluster implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path dir;
    private final int masterPort;
    private final int masterUiPort;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();
    private final List<Path> workDirs = new ArrayList<>();
    private final List<ProcessHandle> started = new ArrayList<>();

    /** @param dir scratch directory (stand-in SPARK_HOME, work directories, logs) */
    private StandaloneCluster(Path dir) throws IOException {
        this.dir = dir;
        this.masterPort = freePort();
        this.masterUiPort = freePort();
        Files.createDirectories(dir.resolve("spark-home/jars"));
        this.master = start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(masterUiPort));
    }

    /** Starts a master and {@code workerCount} workers of {@code cores} cores and {@code memory} each, and waits for them. */
    static StandaloneCluster start(Path dir, int workerCount, int cores, String memory) throws IOException, InterruptedException {
        StandaloneCluster c = new StandaloneCluster(dir);
        try {
            for (int i = 0; i < workerCount; i++) {
                Path work = Files.createDirectories(dir.resolve("work-" + i));
                c.workDirs.add(work);
                c.workers.add(c.start("worker-" + i, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--cores", String.valueOf(cores), "--memory", memory, "--work-dir", work.toString(),
                        "--webui-port", "0", c.masterUrl()));
            }
            c.awaitWorkers(workerCount);
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /**
     * kill -9 of worker {@code i}'s JVM, as when a node is lost mid-job. Its executors lose their worker
     * and exit by themselves; they are remembered so that {@link #close} kills any that lingers.
     *
     * @return the executor JVMs the worker had started
     */
    List<ProcessHandle> killWorker(int i) throws InterruptedException {
        Process w = workers.get(i);
        List<ProcessHandle> executors = w.toHandle().descendants().toList();
        started.addAll(executors);
        w.destroyForcibly(); // SIGKILL on Linux
        w.waitFor(30, TimeUnit.SECONDS);
        return executors;
    }

    /** The directory where worker {@code i} keeps its executors' stdout and stderr (app-*&#47;N&#47;stderr). */
    Path workDir(int i) {
        return workDirs.get(i);
    }

    /** Alive workers as the master sees them. */
    int aliveWorkers() throws IOException, InterruptedException {
        return masterState().path("aliveworkers").asInt(-1);
    }

    /**
     * A JVM running {@code org.apache.spark.deploy.SparkSubmit} as spark-submit would, in client mode:
     * the driver in that JVM; {@code sparkSubmitArguments} before the application's own
     * ({@code --class}, {@code --conf}, ..., then the primary resource and the job's arguments).
     */
    Process submit(String name, List<String> sparkSubmitArguments, List<String> driverJvmOptions) throws IOException {
        List<String> args = new ArrayList<>(driverJvmOptions);
        args.add("org.apache.spark.deploy.SparkSubmit");
        args.addAll(List.of("--master", masterUrl(), "--deploy-mode", "client"));
        args.addAll(sparkSubmitArguments);
        return start(name, args.toArray(String[]::new));
    }

    /** spark-submit options that make executors find the application's classes: this JVM's class path. */
    static List<String> classPathArguments() {
        return List.of("--conf", "spark.executor.extraClassPath=" + System.getProperty("java.class.path"));
    }

    Path log(String name) {
        return dir.resolve(name + ".log");
    }

    private Process start(String name, String mainClass, String... args) throws IOException {
        List<String> all = new ArrayList<>();
        all.add(mainClass);
        all.addAll(Arrays.asList(args));
        return start(name, all.toArray(String[]::new));
    }

    /** A JVM with Spark's module options, a small heap, this JVM's class path and {@code args}. */
    private Process start(String name, String[] args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptions().split("\\s+")));
        if (Arrays.stream(args).noneMatch(a -> a.startsWith("-Xmx"))) {
            // Master and workers only schedule: a small heap, one GC thread, no C2 compiler (CI has 2 cores).
            cmd.addAll(List.of("-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log(name).toFile());
        pb.environment().put("SPARK_HOME", dir.resolve("spark-home").toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_CONF_DIR", dir.resolve("spark-home/conf").toString());
        Process p = pb.start();
        started.add(p.toHandle());
        return p;
    }

    private void awaitWorkers(int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        int alive = -1;
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                throw new IllegalStateException("the master exited: " + Files.readString(log("master")));
            }
            try {
                alive = aliveWorkers();
                if (alive == count) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(alive + " of " + count + " workers registered within " + START_TIMEOUT);
    }

    private JsonNode masterState() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(r.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Kills every JVM this cluster started and their children (executors), hard: a test leaves nothing running. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle h : started) {
            h.descendants().forEach(all::add);
            all.add(h);
        }
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // best effort: reported by the OS as still running
            }
        }
    }
}
