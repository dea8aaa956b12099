package io.inverseface.data.model;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Downloads a model's source files from the manifest's pinned URLs, verifies and converts them,
 * and installs the converted model into a cache directory.
 * <p>
 * Everything happens inside a private staging directory next to the target: each file is
 * streamed to {@code name.part} and renamed once complete (and its SHA-256 checked where the
 * manifest pins one); the converted outputs are checked against the manifest; only then is the
 * finished model directory moved into place with one atomic rename. Any failure deletes the
 * staging directory, so an interrupted or corrupt download never leaves a half model.
 */
public final class ModelDownloader {
    private static final Logger LOG = LoggerFactory.getLogger(ModelDownloader.class);

    /** How long a download may go without receiving a byte before it counts as stalled. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Staging folders older than this are from a killed download and are removed on the next install. */
    static final Duration STALE_STAGING = Duration.ofHours(1);

    private final HttpClient http;
    private final boolean showProgress;
    private final Duration idleTimeout;

    /**
     * @param showProgress draw a progress bar on standard error while downloading
     */
    public ModelDownloader(boolean showProgress) {
        this(showProgress, DEFAULT_IDLE_TIMEOUT);
    }

    /**
     * @param showProgress draw a progress bar on standard error while downloading
     * @param idleTimeout  longest time without a byte arriving (headers or body) before a download fails
     */
    public ModelDownloader(boolean showProgress, Duration idleTimeout) {
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive, got " + idleTimeout);
        }
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        this.showProgress = showProgress;
        this.idleTimeout = idleTimeout;
    }

    /**
     * Downloads, converts and installs the model described by {@code manifest} as
     * {@code cacheRoot/manifest.name()}.
     *
     * @return the installed model directory
     * @throws ModelDownloadException     on HTTP or I/O failure
     * @throws ChecksumMismatchException  when a source or converted file has the wrong SHA-256
     */
    public Path install(ModelManifest manifest, Path cacheRoot) {
        Path target = cacheRoot.resolve(manifest.name());
        Path staging = null;
        try {
            Files.createDirectories(cacheRoot);
            removeStaleStaging(cacheRoot, manifest.name());
            staging = Files.createTempDirectory(cacheRoot, "." + manifest.name() + ".download-");
            Path sources = staging.resolve("sources");
            Path converted = staging.resolve(manifest.name());
            downloadAll(manifest, sources);
            IctModelConverter.convert(sources, manifest, converted);
            verifyOutputs(manifest, converted);
            moveIntoPlace(converted, target);
            LOG.info("Installed face model {} (commit {}) into {}", manifest.name(), manifest.commit(), target);
            return target;
        } catch (IOException e) {
            throw new ModelDownloadException("installing model " + manifest.name() + " into " + target + " failed: "
                    + describe(e), e);
        } finally {
            if (staging != null) {
                deleteRecursively(staging);
            }
        }
    }

    private void downloadAll(ModelManifest manifest, Path sources) throws IOException {
        var files = manifest.downloads();
        ProgressBar bar = showProgress
                ? new ProgressBarBuilder().setTaskName("Downloading " + manifest.name())
                    .setInitialMax(files.size()).setUnit(" files", 1)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build()
                : null;
        try {
            for (ModelManifest.SourceFile file : files) {
                download(manifest, file, sources.resolve(file.path()));
                if (bar != null) {
                    bar.step();
                    bar.setExtraMessage(file.path());
                }
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
    }

    private void download(ModelManifest manifest, ModelManifest.SourceFile file, Path destination) throws IOException {
        URI uri = URI.create(manifest.baseUrl()).resolve(file.path());
        Files.createDirectories(destination.getParent());
        Path part = destination.resolveSibling(destination.getFileName() + ".part");
        // The request timeout covers the response headers; the body is guarded by the idle watchdog below.
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(idleTimeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelDownloadException("download of " + uri + " was interrupted", e);
        } catch (java.net.http.HttpTimeoutException e) {
            throw new ModelDownloadException("download of " + uri + " failed: no response within "
                    + idleTimeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new ModelDownloadException("download of " + uri + " failed: " + describe(e), e);
        }
        MessageDigest digest = Sha256.newDigest();
        java.util.concurrent.atomic.AtomicLong lastByte = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
        java.util.concurrent.atomic.AtomicBoolean stalled = new java.util.concurrent.atomic.AtomicBoolean();
        Thread reader = Thread.currentThread();
        java.util.concurrent.ScheduledExecutorService watchdog = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "model-download-watchdog");
            t.setDaemon(true);
            return t;
        });
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new ModelDownloadException("download of " + uri + " failed: HTTP " + response.statusCode());
            }
            // A server that sends headers and then nothing would block read() for ever: when no byte has
            // arrived for the idle timeout, close the stream and interrupt the blocked read.
            long idleNanos = idleTimeout.toNanos();
            long period = Math.max(10, idleTimeout.toMillis() / 10);
            watchdog.scheduleAtFixedRate(() -> {
                if (System.nanoTime() - lastByte.get() > idleNanos && stalled.compareAndSet(false, true)) {
                    reader.interrupt();
                    try {
                        in.close();
                    } catch (IOException ignored) {
                        // read() fails either way
                    }
                }
            }, period, period, java.util.concurrent.TimeUnit.MILLISECONDS);
            try (OutputStream out = Files.newOutputStream(part)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    lastByte.set(System.nanoTime());
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            if (stalled.get()) {
                throw new ModelDownloadException("download of " + uri + " stalled: no data for "
                        + idleTimeout.toSeconds() + " s", e);
            }
            throw e;
        } finally {
            watchdog.shutdownNow();
            if (stalled.get()) {
                Thread.interrupted(); // the interrupt was ours, not the caller's
            }
        }
        if (stalled.get()) { // the stream ended early because the watchdog closed it
            throw new ModelDownloadException("download of " + uri + " stalled: no data for " + idleTimeout.toSeconds()
                    + " s");
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (file.sha256() != null && !file.sha256().equalsIgnoreCase(actual)) {
            throw new ChecksumMismatchException(file.path(), file.sha256(), actual);
        }
        Files.move(part, destination, StandardCopyOption.ATOMIC_MOVE);
        LOG.debug("Downloaded {} (sha256 {})", uri, actual);
    }

    /** Checks every converted file against the SHA-256 pinned in the manifest. */
    static void verifyOutputs(ModelManifest manifest, Path dir) throws IOException {
        for (Map.Entry<String, String> e : manifest.outputs().entrySet()) {
            Path file = dir.resolve(e.getKey());
            if (!Files.isRegularFile(file)) {
                throw new ModelResolutionException("converted model lacks " + e.getKey());
            }
            String actual = Sha256.of(file);
            if (!actual.equalsIgnoreCase(e.getValue())) {
                throw new ChecksumMismatchException(e.getKey(), e.getValue(), actual);
            }
        }
    }

    private static void moveIntoPlace(Path converted, Path target) throws IOException {
        try {
            Files.move(converted, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            // Another process installed it meanwhile: keep theirs (same pinned content).
            LOG.info("Model directory {} appeared while downloading; keeping it", target);
        } catch (AtomicMoveNotSupportedException e) {
            throw new ModelDownloadException("cannot atomically move " + converted + " to " + target, e);
        }
    }

    /** A readable cause: offline look-ups and refused connections come with a null message. */
    static String describe(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "cannot resolve the host (offline?)";
            }
            if (t instanceof java.net.ConnectException && t.getMessage() == null && t.getCause() == null) {
                return "connection refused";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    /** Removes staging folders of this model that a killed download left behind (untouched for an hour). */
    static void removeStaleStaging(Path cacheRoot, String name) {
        String prefix = "." + name + ".download-";
        long cutoff = System.currentTimeMillis() - STALE_STAGING.toMillis();
        try (Stream<Path> list = Files.list(cacheRoot)) {
            list.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p)).forEach(p -> {
                try (Stream<Path> walk = Files.walk(p)) {
                    long newest = walk.mapToLong(q -> {
                        try {
                            return Files.getLastModifiedTime(q).toMillis();
                        } catch (IOException e) {
                            return Long.MAX_VALUE;
                        }
                    }).max().orElse(Long.MAX_VALUE);
                    if (newest < cutoff) {
                        LOG.info("Removing {}, left by an interrupted download", p);
                        deleteRecursively(p);
                    }
                } catch (IOException e) {
                    LOG.warn("Could not inspect {}: {}", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not list {}: {}", cacheRoot, e.getMessage());
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("Could not delete {}: {}", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not clean up {}: {}", dir, e.getMessage());
        }
    }
}
