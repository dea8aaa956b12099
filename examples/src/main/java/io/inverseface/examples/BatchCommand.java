package io.inverseface.examples;

import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.batch.BatchItem;
import io.inverseface.core.batch.BatchRunner;
import io.inverseface.core.batch.BatchSummary;
import io.inverseface.core.batch.ImageBatchProcessor;
import io.inverseface.core.batch.ItemProcessor;
import io.inverseface.core.batch.PersonGroupProcessor;
import io.inverseface.core.batch.ImageInputs;
import io.inverseface.core.io.ImageLoader;
import io.inverseface.core.io.PixelLimit;
import io.inverseface.core.landmarks.FaceChoice;
import io.inverseface.core.landmarks.LandmarkDetector;
import io.inverseface.core.landmarks.LandmarkDetectors;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.optim.backend.Backend;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code inverseface batch}: reconstructs every image of a directory or list file with one shared
 * reconstructor on several threads, resumably (see {@link BatchRunner}).
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Reconstruct every image (png, jpg, jpeg) of a directory (recursively) or of a list file "
                + "(one path per line) on several threads.",
                "Each image gets a sub-directory of OUTPUT named from its relative path (mesh.obj, mesh.ply, "
                        + "parameters.json, overlay.png, landmarks.png, shaded.png, shaded-front.png, mask.png) and one row in "
                        + "OUTPUT/manifest.jsonl (status ok|failed, error, energies, landmark RMS, seconds).",
                "Re-running the same command skips the images already done with the same photo content, landmarks and "
                        + "settings, and redoes the rest (also after a kill). "
                        + "Failed images never stop the batch (running out of memory on one included); a re-run leaves "
                        + "them failed while photo and settings are unchanged (--retry-failed runs them again). "
                        + "The exit code is 0 when the batch ran to its end."})
final class BatchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "DIR_OR_LIST",
            description = "Directory of images (searched recursively) or a text file listing one image path per line.")
    private Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Output directory (created if missing).")
    private Path output;

    @Option(names = {"-t", "--threads"}, paramLabel = "N",
            description = "Worker threads sharing one reconstructor (default: all cores).")
    private Integer threads;

    @Option(names = "--landmarks-dir", paramLabel = "DIR",
            description = "Landmark files (.pts or .json) named like the images (a/b.png: a/b.pts or b.pts); "
                    + "images without one have their landmarks detected.")
    private Path landmarksDirectory;

    @Option(names = "--detector", defaultValue = LandmarkDetectors.DEFAULT, paramLabel = "NAME",
            description = "Landmark detector for images without a landmark file: face-api, mediapipe or combined, "
                    + "optionally with settings (see reconstruct --help; default: ${DEFAULT-VALUE}).")
    private String detector;

    @Option(names = "--face", defaultValue = "largest", paramLabel = "WHICH",
            description = "Which detected face of a photo without a landmark file, when there are several: largest "
                    + "(default), score (the most confident), N (the N-th largest, from 1) or X,Y (the box nearest that "
                    + "pixel). Part of each result's key, so changing it refits.")
    private String face;

    @Option(names = "--retry-failed", description = "Run the images an earlier run recorded as failed again "
            + "(by default they stay failed while the photo and the settings are unchanged).")
    private boolean retryFailed;

    @Option(names = "--max-megapixels", paramLabel = "MPX",
            description = "Photos of more pixels than this fail from their header, before decoding (default: what the heap "
                    + "fits with one photo per thread, about -Xmx / 100 bytes / threads).")
    private Double maxMegapixels;

    @Option(names = "--downscale", description = "Subsample photos over the pixel limit to fit it (every k-th pixel; "
            + "their landmark files are mapped along) instead of failing them; outputs are at the reduced size.")
    private boolean downscale;

    @Option(names = "--backend", defaultValue = "AUTO", paramLabel = "BACKEND",
            description = "Linear algebra backend: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Backend backend;

    @Option(names = "--model", paramLabel = "DIR", description = "Face model directory (default: resolved automatically, see README).")
    private Path modelDirectory;

    @Option(names = "--quick",
            description = "Rough, fast preset for smoke tests and demos: 20 identity modes and one photometric round "
                    + "of 2 iterations (the default fit uses every mode and full photometric rounds).")
    private boolean quick;

    @Option(names = "--detail", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = {"Also run the detail stage per image (off by default in batch: the coarse fit only) and write its",
                    "files too (albedo.png, detail.obj/.mtl/.ply/.glb, displacement.png/.pfm, detail-grid.png)."})
    private boolean detail;

    @Option(names = "--groups", description = {"Each sub-folder of --input is one person: its photos are fitted jointly",
            "(one identity and albedo) and written as reconstruct a.jpg b.jpg ... writes them; a manifest row per person."})
    private boolean groups;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    private boolean verbose;

    @Override
    public Integer call() throws Exception {
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (workers < 1 || workers > 1024) {
            throw new ParameterException(spec.commandLine(), "--threads must be between 1 and 1024, got " + workers);
        }
        if (!Files.exists(input)) {
            throw new NoSuchFileException(input.toString(), null, "no such input directory or list file");
        }
        if (landmarksDirectory != null && !Files.isDirectory(landmarksDirectory)) {
            throw new NoSuchFileException(landmarksDirectory.toString(), null, "--landmarks-dir is not a directory");
        }
        FaceChoice faceChoice;
        try {
            faceChoice = FaceChoice.parse(face);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--face: " + e.getMessage());
        }
        PixelLimit limit = pixelLimit(workers);
        List<BatchItem> items = groups ? groupsOf(input) : ImageInputs.from(input, output);
        FaceModel model = modelDirectory != null ? FaceModels.load(modelDirectory) : FaceModels.ictLight();
        FaceReconstructor.Builder builder = FaceReconstructor.builder().model(model).backend(backend)
                .landmarkDetector(detectorByName());
        if (quick) {
            builder.coarse(c -> c.identityModes(20).photometricRounds(1).photometricIterations(2));
        }
        if (detail) {
            builder.detail(d -> { });
        }
        BatchSummary summary;
        try (FaceReconstructor reconstructor = builder.build();
             BatchProgressBar bar = new BatchProgressBar("batch", "img")) {
            ItemProcessor processor = groups ? new PersonGroupProcessor(reconstructor, landmarksDirectory, limit, faceChoice)
                    : new ImageBatchProcessor(reconstructor, landmarksDirectory, limit, faceChoice);
            summary = new BatchRunner(output, workers, bar).retryingFailed(retryFailed).run(items, processor);
        }
        BatchSummaries.print(spec.commandLine().getOut(), groups ? "people" : "images", summary, output);
        return 0;
    }

    /** One item per sub-folder of {@code input} that holds photos: its name is the person's id. */
    private List<BatchItem> groupsOf(Path input) throws java.io.IOException {
        if (!Files.isDirectory(input)) {
            throw new ParameterException(spec.commandLine(), "--groups needs --input to be a directory of folders");
        }
        List<BatchItem> items = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> dirs = Files.list(input)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                if (dir.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
                    continue;
                }
                try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                    if (files.anyMatch(ImageInputs::isImageFile)) {
                        items.add(BatchItem.of(dir.getFileName().toString(), dir.toString()));
                    }
                }
            }
        }
        return items;
    }

    /** The given limit, or the heap's share of one worker thread: every thread holds one photo in flight. */
    private PixelLimit pixelLimit(int workers) {
        try {
            return maxMegapixels != null ? PixelLimit.megapixels(maxMegapixels, downscale)
                    : new PixelLimit(Math.max(1, ImageLoader.defaultMaxPixels() / workers), downscale);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--max-megapixels: " + e.getMessage());
        }
    }

    private LandmarkDetector detectorByName() {
        return DetectorOption.parse(spec, detector);
    }
}
