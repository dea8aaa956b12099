package io.inverseface.core.batch;

import io.inverseface.render.RgbImage;
import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.core.FaceReconstructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchRunnerTest {

    private static FaceReconstructor reconstructor;

    @BeforeAll
    static void loadModel() {
        reconstructor = BatchFixtures.fastReconstructor();
    }

    @Test
    void goodImagesSucceedABadOneFailsAndARerunRedoesNothing(@TempDir Path dir) throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        Path landmarks = Files.createDirectories(dir.resolve("landmarks"));
        Path out = dir.resolve("out");
        BatchFixtures.writeSyntheticInputs(images, landmarks, 2);
        BatchFixtures.writeSamplePhoto(images);
        BatchFixtures.writeCorruptImage(images);
        List<BatchItem> items = ImageInputs.from(images);
        assertThat(items).extracting(BatchItem::id)
                .containsExactly("corrupt.png", "people/astronaut.png", "synth_0.png", "synth_1.png");

        ImageBatchProcessor processor = new ImageBatchProcessor(reconstructor, landmarks);
        BatchSummary first = new BatchRunner(out, 2, BatchListener.NONE).run(items, processor);

        assertThat(first.ok()).isEqualTo(3);
        assertThat(first.failed()).isEqualTo(1);
        List<ManifestRow> rows = Manifest.readAll(out.resolve(Manifest.FILE_NAME));
        assertThat(rows).hasSize(4);
        Map<String, ManifestRow> byInput = rows.stream().collect(Collectors.toMap(ManifestRow::input, Function.identity()));
        assertThat(byInput.get("corrupt.png").status()).isEqualTo(ManifestRow.Status.FAILED);
        assertThat(byInput.get("corrupt.png").error()).isNotBlank();
        for (String ok : List.of("people/astronaut.png", "synth_0.png", "synth_1.png")) {
            ManifestRow row = byInput.get(ok);
            assertThat(row.status()).as(ok + ": " + row.error()).isEqualTo(ManifestRow.Status.OK);
            assertThat(row.isComplete(out)).isTrue();
            assertThat(row.energies()).isNotEmpty();
            assertThat(row.landmarkRms()).isFinite();
            assertThat(row.seconds()).isPositive();
        }
        assertThat(byInput.get("people/astronaut.png").output()).startsWith("people_astronaut-");
        assertThat(rows).allSatisfy(r -> assertThat(r.key()).as(r.input()).matches("[0-9a-f]{64}"));

        // Re-run: the three good ones are skipped (their files untouched), and so is the failed one: the
        // same bytes with the same settings fail the same way, and the batch is complete.
        Map<Path, FileTime> stamps = new HashMap<>();
        for (ManifestRow row : rows) {
            for (String f : row.files()) {
                Path p = out.resolve(row.output()).resolve(f);
                stamps.put(p, Files.getLastModifiedTime(p));
            }
        }
        Thread.sleep(20);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        ItemProcessor counting = counting(processor, calls);
        BatchSummary second = new BatchRunner(out, 2, BatchListener.NONE).run(items, counting);

        assertThat(second.skipped()).isEqualTo(3);
        assertThat(second.failedBefore()).isEqualTo(1);
        assertThat(calls.get()).isZero();
        assertThat(second.failed()).isZero();
        assertThat(Manifest.readAll(out.resolve(Manifest.FILE_NAME))).hasSize(4);

        // Asked to retry failed items, only the failed one runs again.
        BatchSummary third = new BatchRunner(out, 2, BatchListener.NONE).retryingFailed(true).run(items, counting);
        assertThat(third.skipped()).isEqualTo(3);
        assertThat(third.failedBefore()).isZero();
        assertThat(calls.get()).isEqualTo(1);
        assertThat(third.failed()).isEqualTo(1);
        for (Map.Entry<Path, FileTime> e : stamps.entrySet()) {
            assertThat(Files.getLastModifiedTime(e.getKey())).isEqualTo(e.getValue());
        }
        List<ManifestRow> after = Manifest.readAll(out.resolve(Manifest.FILE_NAME));
        assertThat(after).hasSize(4);
        assertThat(after).extracting(ManifestRow::input).doesNotHaveDuplicates();
        assertThat(BatchFixtures.tempFiles(out)).isZero();
    }

    @Test
    void aReplacedPhotoAndOtherSettingsAreRedoneAnUnchangedPhotoIsSkipped(@TempDir Path dir) throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        Path landmarks = Files.createDirectories(dir.resolve("landmarks"));
        Path out = dir.resolve("out");
        BatchFixtures.writeSyntheticInputs(images, landmarks, 3);
        Files.move(images.resolve("synth_2.png"), dir.resolve("other.png"));
        Files.move(landmarks.resolve("synth_2.pts"), dir.resolve("other.pts"));
        List<BatchItem> items = ImageInputs.from(images);
        ImageBatchProcessor quick = new ImageBatchProcessor(reconstructor, landmarks);
        assertThat(new BatchRunner(out, 2, BatchListener.NONE).run(items, quick).ok()).isEqualTo(2);
        Map<String, ManifestRow> first = Manifest.readLatest(out.resolve(Manifest.FILE_NAME));

        // synth_1.png replaced by another face (and its landmarks): same name, other content.
        Files.copy(dir.resolve("other.png"), images.resolve("synth_1.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(dir.resolve("other.pts"), landmarks.resolve("synth_1.pts"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.Set<String> ran = java.util.concurrent.ConcurrentHashMap.newKeySet();
        BatchSummary second = new BatchRunner(out, 2, BatchListener.NONE)
                .run(items, recording(counting(quick, calls), ran));

        assertThat(ran).containsExactly("synth_1.png");
        assertThat(second.skipped()).isEqualTo(1);
        Map<String, ManifestRow> after = Manifest.readLatest(out.resolve(Manifest.FILE_NAME));
        assertThat(after.get("synth_0.png")).isEqualTo(first.get("synth_0.png"));
        assertThat(after.get("synth_1.png").key()).isNotEqualTo(first.get("synth_1.png").key());

        // A full fit (no --quick) is another setting: neither quick result counts as done for it. Its
        // fits are not run here (seconds each): the processor stands in, with the full fit's keys.
        try (FaceReconstructor full = FaceReconstructor.builder().model(reconstructor.model()).backend(
                io.inverseface.optim.backend.Backend.CPU).build()) {
            ImageBatchProcessor fullProcessor = new ImageBatchProcessor(full, landmarks);
            assertThat(fullProcessor.keys().description()).isNotEqualTo(quick.keys().description());
            java.util.Set<String> fullRan = java.util.concurrent.ConcurrentHashMap.newKeySet();
            ItemProcessor notFitting = new ItemProcessor() {
                @Override
                public ManifestRow process(BatchItem item, Path d) {
                    fullRan.add(item.id());
                    return ManifestRow.failed(item, "not fitted in this test", 0).withKey(fullProcessor.resultKey(item));
                }

                @Override
                public String resultKey(BatchItem item) {
                    return fullProcessor.resultKey(item);
                }
            };
            BatchSummary third = new BatchRunner(out, 2, BatchListener.NONE).run(items, notFitting);
            assertThat(third.skipped()).isZero();
            assertThat(third.failedBefore()).isZero();
            assertThat(fullRan).containsExactlyInAnyOrder("synth_0.png", "synth_1.png");
        }
    }

    /** Counts {@code process} calls on {@code processor} (keys passed on). */
    private static ItemProcessor counting(ItemProcessor processor, java.util.concurrent.atomic.AtomicInteger calls) {
        return new ItemProcessor() {
            @Override
            public ManifestRow process(BatchItem item, Path directory) {
                calls.incrementAndGet();
                return processor.process(item, directory);
            }

            @Override
            public String resultKey(BatchItem item) {
                return processor.resultKey(item);
            }
        };
    }

    /** Records the ids that {@code processor} is asked to process. */
    private static ItemProcessor recording(ItemProcessor processor, java.util.Set<String> ids) {
        return new ItemProcessor() {
            @Override
            public ManifestRow process(BatchItem item, Path directory) {
                ids.add(item.id());
                return processor.process(item, directory);
            }

            @Override
            public String resultKey(BatchItem item) {
                return processor.resultKey(item);
            }
        };
    }

    @Test
    void aKilledRunIsCompletedByARerunWithoutDuplicatesOrTemporaries(@TempDir Path dir) throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        Path landmarks = Files.createDirectories(dir.resolve("landmarks"));
        Path out = dir.resolve("out");
        BatchFixtures.writeSyntheticInputs(images, landmarks, 5);
        Path manifest = out.resolve(Manifest.FILE_NAME);

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KillableBatchMain.class.getName(),
                images.toString(), out.toString(), landmarks.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            while (manifestLines(manifest) < 1 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(child.isAlive()).as("child still running after its first image; log: %s",
                    readQuietly(dir.resolve("child.log"))).isTrue();
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        int doneBeforeKill = manifestLines(manifest);
        assertThat(doneBeforeKill).isBetween(1, 4);

        List<BatchItem> items = ImageInputs.from(images);
        BatchSummary rerun = new BatchRunner(out, 2, BatchListener.NONE)
                .run(items, new ImageBatchProcessor(reconstructor, landmarks));

        assertThat(rerun.skipped()).isGreaterThanOrEqualTo(1);
        assertThat(rerun.skipped() + rerun.ok()).isEqualTo(5);
        List<ManifestRow> rows = Manifest.readAll(manifest);
        assertThat(rows).hasSize(5);
        assertThat(rows).extracting(ManifestRow::input).doesNotHaveDuplicates();
        assertThat(rows).allSatisfy(r -> assertThat(r.isComplete(out)).as(r.input()).isTrue());
        assertThat(BatchFixtures.tempFiles(out)).isZero();
    }

    @Test
    void aSecondRunOnTheSameOutputIsRefusedWhileTheFirstHoldsIt(@TempDir Path dir) throws Exception {
        BatchItem item = BatchItem.of("x", "x");
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread first = new Thread(() -> new BatchRunner(dir, 1, BatchListener.NONE).run(List.of(item), (i, d) -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ManifestRow.failed(i, "stopped", 0);
        }));
        first.start();
        inside.await();
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BatchRunner(dir, 1, BatchListener.NONE)
                    .run(List.of(item), (i, d) -> ManifestRow.failed(i, "x", 0)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("another batch");
        } finally {
            release.countDown();
            first.join();
        }
    }

    @Test
    void anExceptionFromTheProcessorBecomesAFailedRow(@TempDir Path dir) throws Exception {
        BatchSummary s = new BatchRunner(dir, 2, BatchListener.NONE).run(
                List.of(BatchItem.of("a", "a"), BatchItem.of("b", "b")), (item, d) -> {
                    if (item.id().equals("a")) {
                        throw new IllegalStateException("boom");
                    }
                    return ManifestRow.failed(item, "bad", 0.1);
                });
        assertThat(s.failed()).isEqualTo(2);
        assertThat(Manifest.readAll(dir.resolve(Manifest.FILE_NAME))).extracting(ManifestRow::error)
                .containsExactlyInAnyOrder("boom", "bad");
    }

    @Test
    void runningOutOfMemoryOnOnePhotoIsAFailedRowAndTheBatchCompletes(@TempDir Path dir) throws Exception {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        ItemProcessor hungry = new ItemProcessor() {
            @Override
            public ManifestRow process(BatchItem item, Path d) {
                calls.incrementAndGet();
                if (item.id().equals("huge")) {
                    throw new OutOfMemoryError("Java heap space");
                }
                return ManifestRow.failed(item, "bad", 0.1).withKey("k-" + item.id());
            }

            @Override
            public String resultKey(BatchItem item) {
                return "k-" + item.id();
            }
        };
        List<BatchItem> items = List.of(BatchItem.of("huge", "huge"), BatchItem.of("b", "b"), BatchItem.of("c", "c"));
        BatchSummary s = new BatchRunner(dir, 1, BatchListener.NONE).run(items, hungry);

        assertThat(s.failed()).isEqualTo(3);
        Map<String, ManifestRow> rows = Manifest.readLatest(dir.resolve(Manifest.FILE_NAME));
        assertThat(rows.get("huge").error()).startsWith("out of memory (Java heap space)").contains("-Xmx");
        assertThat(rows.get("huge").key()).isEqualTo("k-huge");
        // The next run does not die on it again: it stays failed until asked to retry.
        BatchSummary again = new BatchRunner(dir, 1, BatchListener.NONE).run(items, hungry);
        assertThat(again.failedBefore()).isEqualTo(3);
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void aFailedPhotoReplacedByAGoodOneIsRedoneWithoutAskingAndAnOverLargeOneIsDownscaledOnRequest(@TempDir Path dir)
            throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        Path landmarks = Files.createDirectories(dir.resolve("landmarks"));
        Path out = dir.resolve("out");
        BatchFixtures.writeSyntheticInputs(images, landmarks, 2);
        // synth_1 at twice the size, with its landmarks in the large photo's pixels.
        io.inverseface.render.RgbImage small = io.inverseface.core.io.ImageLoader.load(images.resolve("synth_1.png"));
        java.awt.image.BufferedImage big = new java.awt.image.BufferedImage(2 * small.width(), 2 * small.height(),
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.image.BufferedImage s1 = small.toBufferedImage();
        for (int y = 0; y < big.getHeight(); y++) {
            for (int x = 0; x < big.getWidth(); x++) {
                big.setRGB(x, y, s1.getRGB(x / 2, y / 2));
            }
        }
        javax.imageio.ImageIO.write(big, "png", images.resolve("synth_1.png").toFile());
        double[] c = io.inverseface.core.io.LandmarksReader.read(landmarks.resolve("synth_1.pts")).coordinates();
        for (int i = 0; i < c.length; i++) {
            c[i] = 2 * c[i]; // centre (x + ½) of the small photo's pixel x is at 2x + 1 in the large one
        }
        io.inverseface.core.io.LandmarksWriter.writePts(new io.inverseface.core.io.Landmarks(c), landmarks.resolve("synth_1.pts"));
        List<BatchItem> items = ImageInputs.from(images);
        long limit = (long) small.width() * small.height();

        // Over the limit and not downscaling: synth_1 fails, saying why.
        ImageBatchProcessor strict = new ImageBatchProcessor(reconstructor, landmarks,
                new io.inverseface.core.io.PixelLimit(limit, false));
        BatchSummary first = new BatchRunner(out, 2, BatchListener.NONE).run(items, strict);
        assertThat(first.ok()).isEqualTo(1);
        assertThat(Manifest.readLatest(out.resolve(Manifest.FILE_NAME)).get("synth_1.png").error())
                .contains(2 * small.width() + "x" + 2 * small.height()).contains("limit");

        // Downscaling is another setting for that photo only: it runs, at half size, without --retry-failed.
        ImageBatchProcessor downscaling = new ImageBatchProcessor(reconstructor, landmarks,
                new io.inverseface.core.io.PixelLimit(limit, true));
        java.util.Set<String> ran = java.util.concurrent.ConcurrentHashMap.newKeySet();
        BatchSummary second = new BatchRunner(out, 2, BatchListener.NONE).run(items, recording(downscaling, ran));
        assertThat(ran).containsExactly("synth_1.png");
        assertThat(second.ok()).isEqualTo(1);
        ManifestRow row = Manifest.readLatest(out.resolve(Manifest.FILE_NAME)).get("synth_1.png");
        assertThat(row.isOk()).as(row.error()).isTrue();
        // The landmark file was mapped into the half-size photo: the fit lands on it as on the original.
        assertThat(row.landmarkRms()).isLessThan(3.0);
    }

    @Test
    void temporariesLeftByAKilledRunAreDeletedOnStart(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("a-1234"));
        Files.writeString(dir.resolve("a-1234/.mesh.obj.99.tmp"), "half");
        Files.writeString(dir.resolve(".manifest.jsonl.7.tmp"), "half");
        Files.writeString(dir.resolve("a-1234/keep.tmp"), "not ours");

        new BatchRunner(dir, 1, BatchListener.NONE).run(List.of(), (i, d) -> ManifestRow.failed(i, "x", 0));

        assertThat(BatchFixtures.tempFiles(dir)).isZero();
        assertThat(dir.resolve("a-1234/keep.tmp")).exists();
    }

    private static int manifestLines(Path manifest) {
        try {
            return Files.exists(manifest) ? Manifest.readAll(manifest).size() : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "(none)";
        }
    }

}
