package io.inverseface.core.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@link ItemProcessor} over items on a fixed pool of threads, recording one manifest row per
 * item in {@code root/manifest.jsonl}, resumably:
 * <ol>
 *   <li>a lock file keeps a second run off the same output root while this one runs;</li>
 *   <li>temporary files left by a killed run ({@code .*.tmp}) are deleted;</li>
 *   <li>an item whose latest row says ok, whose listed files all exist and whose key
 *       ({@link ItemProcessor#resultKey}: photo bytes, landmarks, settings, model, version) equals the
 *       key computed now is skipped;</li>
 *   <li>so is an item whose latest row says failed with the key computed now: the same photo with the
 *       same settings would fail again, so a batch with a photo that cannot be fitted still completes
 *       (unless {@link #retryingFailed(boolean) retrying failed items}); a replaced photo or other
 *       settings run again; every other item runs again;</li>
 *   <li>the manifest is rewritten atomically to the rows of the skipped items (and of items not in
 *       this batch), so each item that runs appends the only row it has.</li>
 * </ol>
 * An item's failure becomes a failed row and never stops the batch, running out of memory on it
 * included; only a failure to write the manifest itself does.
 */
public final class BatchRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BatchRunner.class);

    /** Name of the lock file in the output root. */
    public static final String LOCK_FILE = ".batch.lock";

    private final Path root;
    private final int threads;
    private final BatchListener listener;
    private final boolean retryFailed;

    /**
     * @param root     output root: per-item sub-directories and the manifest (created if missing)
     * @param threads  worker threads (≥ 1)
     * @param listener progress callbacks
     */
    public BatchRunner(Path root, int threads, BatchListener listener) {
        this(root, threads, listener, false);
    }

    private BatchRunner(Path root, int threads, BatchListener listener, boolean retryFailed) {
        this.root = Objects.requireNonNull(root, "root");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.retryFailed = retryFailed;
    }

    /**
     * The same runner, trying the items an earlier run recorded as failed again ({@code true}) or leaving
     * them failed while their photo and settings are unchanged ({@code false}, the default).
     */
    public BatchRunner retryingFailed(boolean retry) {
        return new BatchRunner(root, threads, listener, retry);
    }

    public Path manifestFile() {
        return root.resolve(Manifest.FILE_NAME);
    }

    /**
     * Processes every item that is not already complete.
     *
     * @throws UncheckedIOException  when the output root or the manifest cannot be written
     * @throws IllegalStateException when another run holds the output root
     */
    public BatchSummary run(List<BatchItem> items, ItemProcessor processor) {
        Objects.requireNonNull(processor, "processor");
        checkUniqueIds(items);
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(root);
            try (FileChannel lockChannel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock lock = tryLock(lockChannel)) {
                if (lock == null) {
                    throw new IllegalStateException("another batch is running in " + root);
                }
                return runLocked(items, processor, t0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the batch in " + root + ": " + e.getMessage(), e);
        }
    }

    private FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return null; // held by this JVM
        }
    }

    private BatchSummary runLocked(List<BatchItem> items, ItemProcessor processor, long t0) throws IOException {
        int removed = deleteStaleTempFiles(root);
        if (removed > 0) {
            LOG.info("removed {} temporary file(s) left by an interrupted run", removed);
        }
        Path manifest = manifestFile();
        Map<String, ManifestRow> previous = Manifest.readLatest(manifest);
        Set<String> redo = toRedo(items, previous, processor);
        List<BatchItem> toDo = items.stream().filter(i -> redo.contains(i.id())).toList();
        int failedBefore = (int) items.stream().filter(i -> !redo.contains(i.id()) && !previous.get(i.id()).isOk()).count();
        int skipped = items.size() - toDo.size() - failedBefore;
        if (Files.exists(manifest)) {
            List<ManifestRow> keep = previous.values().stream().filter(r -> !redo.contains(r.input())).toList();
            Manifest.writeAtomically(manifest, keep);
        }
        LOG.info("batch in {}: {} item(s), {} already complete, {} failed before (unchanged), {} to do on {} thread(s)",
                root, items.size(), skipped, failedBefore, toDo.size(), threads);
        listener.started(toDo.size(), skipped);

        AtomicInteger ok = new AtomicInteger(), failed = new AtomicInteger();
        AtomicReference<Throwable> fatal = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, workerFactory());
        try (ManifestAppender appender = ManifestAppender.open(manifest)) {
            for (BatchItem item : toDo) {
                pool.execute(() -> {
                    if (fatal.get() != null) {
                        return;
                    }
                    try {
                        ManifestRow row = processSafely(processor, item);
                        appender.append(row);
                        (row.isOk() ? ok : failed).incrementAndGet();
                        listener.finished(row);
                    } catch (IOException | Error e) {
                        fatal.compareAndSet(null, e);
                    }
                });
            }
            pool.shutdown();
            awaitQuietly(pool);
        } finally {
            pool.shutdownNow();
        }
        Throwable f = fatal.get();
        if (f instanceof IOException io) {
            throw io;
        }
        if (f instanceof Error error) {
            throw error;
        }
        return new BatchSummary(items.size(), skipped, failedBefore, ok.get(), failed.get(),
                (System.nanoTime() - t0) * 1e-9);
    }

    /**
     * The ids of the items to run: those without a complete row, and those whose row's key differs from
     * the key the processor computes now (photo replaced, other settings, model or version). Keys are
     * computed on the pool: each reads and hashes one input.
     */
    private Set<String> toRedo(List<BatchItem> items, Map<String, ManifestRow> previous, ItemProcessor processor)
            throws IOException {
        Set<String> redo = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<java.util.concurrent.Callable<Void>> checks = new ArrayList<>();
        for (BatchItem item : items) {
            ManifestRow row = previous.get(item.id());
            boolean keptFailure = row != null && !row.isOk() && row.key() != null && !retryFailed;
            if (row == null || !(row.isComplete(root) || keptFailure)) {
                redo.add(item.id());
                continue;
            }
            checks.add(() -> {
                String key;
                try {
                    key = processor.resultKey(item);
                } catch (RuntimeException e) {
                    // Unreadable now: run it, so that its row says why.
                    LOG.debug("{}: no key ({}); running it again", item.id(), messageOf(e));
                    redo.add(item.id());
                    return null;
                }
                if (!Objects.equals(key, row.key())) {
                    LOG.debug("{}: stored result has another key; running it again", item.id());
                    redo.add(item.id());
                }
                return null;
            });
        }
        if (checks.isEmpty()) {
            return redo;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, workerFactory());
        try {
            for (java.util.concurrent.Future<Void> f : pool.invokeAll(checks)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while checking the stored results");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return redo;
    }

    private ManifestRow processSafely(ItemProcessor processor, BatchItem item) {
        long t0 = System.nanoTime();
        try {
            return Objects.requireNonNull(processor.process(item, root.resolve(item.outputName())), "processor returned null");
        } catch (RuntimeException e) {
            LOG.debug("item {} failed", item.id(), e);
            return ManifestRow.failed(item, messageOf(e), (System.nanoTime() - t0) * 1e-9).withKey(keyOrNull(processor, item));
        } catch (OutOfMemoryError | StackOverflowError e) {
            // One photo too large for the heap must not end the batch: its row says so, and the next
            // run leaves it failed unless asked to retry (with a larger heap, or fewer threads).
            LOG.warn("item {}: {}", item.id(), e.toString());
            String why = e instanceof OutOfMemoryError
                    ? "out of memory (" + messageOf(e) + "); raise the heap (-Xmx), use fewer threads or a pixel limit"
                    : "stack overflow";
            return ManifestRow.failed(item, why, (System.nanoTime() - t0) * 1e-9).withKey(keyOrNull(processor, item));
        }
    }

    private static String keyOrNull(ItemProcessor processor, BatchItem item) {
        try {
            return processor.resultKey(item);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A one-line reason for a failure: the message, or the exception's name when it has none. */
    public static String messageOf(Throwable e) {
        String m = e.getMessage();
        return (m == null || m.isBlank() ? e.getClass().getSimpleName() : m).replace('\n', ' ').strip();
    }

    /** Deletes {@code .*.tmp} files (our atomic writers' temporaries) in the root and its item directories. */
    static int deleteStaleTempFiles(Path root) throws IOException {
        int[] count = {0};
        try (Stream<Path> files = Files.walk(root, 2)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                    count[0]++;
                }
            }
        }
        return count[0];
    }

    private static void checkUniqueIds(List<BatchItem> items) {
        Set<String> ids = new HashSet<>(), names = new HashSet<>();
        for (BatchItem item : items) {
            if (!ids.add(item.id())) {
                throw new IllegalArgumentException("the batch lists '" + item.id() + "' twice");
            }
            if (!names.add(item.outputName())) {
                throw new IllegalArgumentException("two items share the output directory '" + item.outputName() + "'");
            }
        }
    }

    private static java.util.concurrent.ThreadFactory workerFactory() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "batch-worker-" + n.incrementAndGet());
            t.setDaemon(true); // a Ctrl-C must not wait for a fit to finish
            return t;
        };
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                LOG.debug("still waiting for batch workers");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }
}
