package io.inverseface.examples;

import io.inverseface.core.batch.BatchRunner;
import io.inverseface.core.batch.BatchSummary;
import io.inverseface.core.batch.SyntheticPairProcessor;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.synth.SyntheticFaceGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code inverseface synth}: random faces with their exact ground truth, as training pairs
 * (see {@link SyntheticPairProcessor} for the files).
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Render random faces (identity, expression, albedo from the priors; random pose and SH lighting) "
                + "with their exact ground truth.",
                "Per face OUTPUT/face-NNNNNN/: image.png, parameters.json (truth), mesh.obj, landmarks.pts, "
                        + "landmarks.json, depth.pfm (float32 PFM, NaN off the face), normals.png, mask.png; "
                        + "one row per face in OUTPUT/manifest.jsonl.",
                "Face i depends only on the seed and i. Re-running skips complete faces."})
final class SynthCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-n", "--count"}, required = true, paramLabel = "N", description = "Number of faces.")
    private int count;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Output directory (created if missing).")
    private Path output;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the whole set (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "Worker threads (default: all cores).")
    private Integer threads;

    @Option(names = "--size", defaultValue = "512", paramLabel = "PX", description = "Image width and height (default: ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = "--yaw-range", defaultValue = "45", paramLabel = "DEG",
            description = "Yaw uniform in ±DEG degrees (default: ${DEFAULT-VALUE}).")
    private double yawRange;

    @Option(names = "--model", paramLabel = "DIR", description = "Face model directory (default: resolved automatically, see README).")
    private Path modelDirectory;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    private boolean verbose;

    @Override
    public Integer call() {
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (count < 0 || count > 10_000_000) {
            throw new ParameterException(spec.commandLine(), "--count must be between 0 and 10000000, got " + count);
        }
        if (workers < 1 || workers > 1024) {
            throw new ParameterException(spec.commandLine(), "--threads must be between 1 and 1024, got " + workers);
        }
        if (size < 64 || size > 8192) {
            throw new ParameterException(spec.commandLine(), "--size must be between 64 and 8192, got " + size);
        }
        if (!(yawRange >= 0 && yawRange < 90)) {
            throw new ParameterException(spec.commandLine(), "--yaw-range must be in [0, 90), got " + yawRange);
        }
        FaceModel model = modelDirectory != null ? FaceModels.load(modelDirectory) : FaceModels.ictLight();
        SyntheticFaceGenerator generator = SyntheticFaceGenerator.builder().model(model).seed(seed).imageSize(size)
                .yawRange(yawRange).build();
        SyntheticPairProcessor processor = new SyntheticPairProcessor(generator, seed);
        BatchSummary summary;
        try (BatchProgressBar bar = new BatchProgressBar("synth", "face")) {
            summary = new BatchRunner(output, workers, bar).run(processor.items(count), processor);
        }
        BatchSummaries.print(spec.commandLine().getOut(), "faces", summary, output);
        return 0;
    }
}
