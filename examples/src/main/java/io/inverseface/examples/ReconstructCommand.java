package io.inverseface.examples;

import io.inverseface.core.coarse.StageSummary;
import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.FitInput;
import io.inverseface.core.InverseFaceException;
import io.inverseface.core.MultiViewReconstruction;
import io.inverseface.core.Reconstruction;
import io.inverseface.core.detail.DetailOptions;
import io.inverseface.core.detail.DetailResult;
import io.inverseface.core.io.ImageLoader;
import io.inverseface.core.io.PixelLimit;
import io.inverseface.core.io.Landmarks;
import io.inverseface.core.io.LandmarksReader;
import io.inverseface.render.RgbImage;
import io.inverseface.core.landmarks.FaceChoice;
import io.inverseface.core.landmarks.LandmarkDetector;
import io.inverseface.core.landmarks.LandmarkDetectors;
import io.inverseface.core.landmarks.NoFaceFoundException;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.output.MultiViewWriter;
import io.inverseface.core.output.ReconstructionWriter;
import io.inverseface.core.output.WrittenFiles;
import io.inverseface.data.samples.Samples;
import io.inverseface.optim.backend.Backend;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code inverseface reconstruct}: fits the face model to one photo and writes the mesh, the
 * parameters and diagnostic pictures (see {@link ReconstructionWriter}). Without an image it runs on
 * the embedded astronaut sample and its hand-placed landmarks.
 */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
        description = {"Reconstruct a 3D face from one photo (68 landmarks given, or detected).",
                "Without IMAGE the embedded sample photo (astronaut) and its landmarks are used."})
final class ReconstructCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ReconstructCommand.class);

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "IMAGE",
            description = {"Photo (PNG or JPEG). Default: the embedded sample. Several photos of one person are fitted",
                    "jointly: one identity and albedo, a pose, expression and light per photo."})
    private List<Path> images = new ArrayList<>();

    @Option(names = {"-l", "--landmarks"}, paramLabel = "FILE",
            description = "68 iBUG landmarks of IMAGE (.pts or .json), once per IMAGE in order; detected when omitted.")
    private List<Path> landmarkFiles = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
            description = "Output directory (created if missing; files of the same names are replaced).")
    private Path output;

    @Option(names = "--detector", defaultValue = LandmarkDetectors.DEFAULT, paramLabel = "NAME",
            description = "Landmark detector when --landmarks is omitted: face-api, mediapipe (BlazeFace + face mesh) or "
                    + "combined (both; see BENCHMARKS.md), optionally with settings, e.g. mediapipe:refine=0 "
                    + "(default: ${DEFAULT-VALUE}).")
    private String detector;

    @Option(names = "--face", defaultValue = "largest", paramLabel = "WHICH",
            description = "Which detected face when there are several: largest (default), score (the most confident), "
                    + "N (the N-th largest, from 1) or X,Y (the box nearest that pixel).")
    private String face;
    private FaceChoice faceChoice;

    @Option(names = "--max-megapixels", paramLabel = "MPX",
            description = "Refuse photos of more pixels than this, from their header, before decoding (default: what the "
                    + "heap fits, about -Xmx / 100 bytes).")
    private Double maxMegapixels;

    @Option(names = "--backend", defaultValue = "AUTO", paramLabel = "BACKEND",
            description = "Linear algebra backend: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Backend backend;

    @Option(names = "--model", paramLabel = "DIR", description = "Face model directory (default: resolved automatically, see README).")
    private Path modelDirectory;

    @Option(names = "--detail", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"Run the detail stage (default; --no-detail for the coarse fit only): displacements on the",
            "subdivided face region and a refined albedo; also writes albedo.png, detail.obj/.mtl/.ply/.glb,",
            "displacement.png/.pfm, detail-grid.png."})
    private boolean detail;

    @Option(names = "--subdivisions", paramLabel = "N",
            description = "Loop subdivisions of the face region for the detail stage, 0-3 (default: the stage's default, "
                    + "1). Needs --detail.")
    private Integer subdivisions;

    @Option(names = "--detail-regulariser", paramLabel = "KIND",
            description = "Penalty on the displacement's Laplacian: ${COMPLETION-CANDIDATES} (default: L1, sharp creases; "
                    + "L2 is one sparse Cholesky solve). Needs --detail.")
    private DetailOptions.Regulariser detailRegulariser;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    private boolean verbose;

    @Override
    public Integer call() {
        try {
            faceChoice = FaceChoice.parse(face);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--face: " + e.getMessage());
        }
        // The detail options hold for one photo and for several alike.
        if (!detail && (subdivisions != null || detailRegulariser != null)) {
            throw new ParameterException(spec.commandLine(),
                    (subdivisions != null ? "--subdivisions" : "--detail-regulariser") + " needs --detail (not --no-detail)");
        }
        if (subdivisions != null && (subdivisions < 0 || subdivisions > 3)) {
            throw new ParameterException(spec.commandLine(), "--subdivisions must be 0 to 3, got " + subdivisions);
        }
        if (images.size() > 1) {
            return callJoint();
        }
        Path image = images.isEmpty() ? null : images.get(0);
        if (landmarkFiles.size() > 1) {
            throw new ParameterException(spec.commandLine(), "--landmarks is given " + landmarkFiles.size()
                    + " times for " + Math.max(1, images.size()) + " photo");
        }
        Path landmarks = landmarkFiles.isEmpty() ? null : landmarkFiles.get(0);
        if (image == null && landmarks != null) {
            throw new ParameterException(spec.commandLine(),
                    "--landmarks needs an IMAGE (without IMAGE the sample and its own landmarks are used)");
        }
        PhaseClock clock = new PhaseClock();
        Path imageFile = image != null ? image : Samples.astronautImage();
        Path landmarkFile = landmarks != null ? landmarks : Samples.astronautLandmarksPts();
        String label = image != null ? image.toString() : "the embedded sample " + Samples.ASTRONAUT_IMAGE;

        // The inputs that fail in milliseconds first (the file, the landmark file), before the model loads; the
        // face is found and checked by the reconstructor, and the output directory made, before the long fit.
        RgbImage photo = ImageLoader.load(imageFile, pixelLimit().maxPixels());
        clock.lap("image");
        boolean detect = image != null && landmarks == null;
        Landmarks given = detect ? null : LandmarksReader.read(landmarkFile);
        LandmarkDetector detector = detect ? detectorByName() : null;
        clock.lap("landmarks"); // and again when they are found and checked: the Times line keeps its order
        FaceModel model = modelDirectory != null ? FaceModels.load(modelDirectory) : FaceModels.ictLight();
        clock.lap("model");
        FaceReconstructor.Builder builder = reconstructorBuilder(model, detector);
        Reconstruction result;
        try (FaceReconstructor reconstructor = builder.build()) {
            clock.lap("backend");
            FitInput input = checked(imageFile, () -> detect ? reconstructor.input(photo, faceChoice)
                    : reconstructor.input(photo, given));
            ReconstructionWriter.prepareDirectory(output);
            clock.lap("landmarks");
            LOG.debug("reconstructing {} with model {} on {}", imageFile, model.name(), reconstructor.backendName());
            result = reconstructor.reconstruct(input);
        }
        clock.lap("fit");
        WrittenFiles files = new ReconstructionWriter().write(result, output);
        clock.lap("writing");
        printSummary(spec.commandLine().getOut(), label, photo, result, files);
        spec.commandLine().getOut().println(clock.line());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * Several photos of one person: each loaded and its landmark file read before the model loads, its
     * landmarks found and checked by the reconstructor (a bad one fails naming it); then one joint fit,
     * written by {@link MultiViewWriter}.
     */
    private Integer callJoint() {
        if (!landmarkFiles.isEmpty() && landmarkFiles.size() != images.size()) {
            throw new ParameterException(spec.commandLine(), "--landmarks is given " + landmarkFiles.size()
                    + " times for " + images.size() + " photos: give it once per photo, in order, or not at all");
        }
        PhaseClock clock = new PhaseClock();
        List<RgbImage> photos = new ArrayList<>();
        for (Path p : images) {
            photos.add(ImageLoader.load(p, pixelLimit().maxPixels()));
        }
        clock.lap("image");
        List<Landmarks> given = new ArrayList<>();
        for (Path f : landmarkFiles) {
            given.add(LandmarksReader.read(f));
        }
        LandmarkDetector detector = landmarkFiles.isEmpty() ? detectorByName() : null;
        clock.lap("landmarks");
        FaceModel model = modelDirectory != null ? FaceModels.load(modelDirectory) : FaceModels.ictLight();
        clock.lap("model");
        FaceReconstructor.Builder builder = reconstructorBuilder(model, detector);
        MultiViewReconstruction result;
        try (FaceReconstructor reconstructor = builder.build()) {
            clock.lap("backend");
            List<FitInput> inputs = new ArrayList<>();
            for (int i = 0; i < photos.size(); i++) {
                RgbImage photo = photos.get(i);
                Landmarks lm = given.isEmpty() ? null : given.get(i);
                inputs.add(checked(images.get(i), () -> lm == null ? reconstructor.input(photo, faceChoice)
                        : reconstructor.input(photo, lm)));
            }
            ReconstructionWriter.prepareDirectory(output);
            clock.lap("landmarks");
            result = reconstructor.reconstructJointly(inputs);
        }
        clock.lap("fit");
        List<String> names = MultiViewWriter.folderNames(images);
        List<Path> files = new MultiViewWriter().write(result, names, output);
        clock.lap("writing");
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Reconstructed one face from %d photos (identity and albedo shared), backend %s%n",
                images.size(), result.views().get(0).summary().backend());
        double[] errors = result.landmarkErrors();
        for (int i = 0; i < images.size(); i++) {
            Reconstruction view = result.views().get(i);
            out.printf(Locale.ROOT, "  %-12s %s: landmark RMS %.3f eye distances, yaw %+.1f°%s%n", names.get(i),
                    images.get(i), errors[i], Math.toDegrees(view.parameters().pose().yaw()),
                    view.quality().suspect() ? ", SUSPECT: " + String.join("; ", view.quality().reasons()) : "");
        }
        out.printf("Wrote to %s:%n  %s%n", output.toAbsolutePath().normalize(),
                files.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(" ")));
        out.println(clock.line());
        out.flush();
        return 0;
    }

    /**
     * The library's errors about one photo's input, naming the photo (one line; the library does not know
     * the file), with a hint where the command has one.
     */
    private static FitInput checked(Path file, Supplier<FitInput> check) {
        try {
            return check.get();
        } catch (NoFaceFoundException e) {
            NoFaceFoundException named = e.about(file);
            throw new NoFaceFoundException(named.getMessage() + "; pass --landmarks FILE (.pts or .json)"
                    + (e.facesFound() == 0 ? "" : " or another --face"), e.facesFound());
        } catch (InverseFaceException e) {
            throw new InverseFaceException(file + ": " + e.getMessage(), e);
        }
    }

    /** The reconstructor these options ask for: model, backend, detector (null: none needed), detail on or off. */
    private FaceReconstructor.Builder reconstructorBuilder(FaceModel model, LandmarkDetector detector) {
        FaceReconstructor.Builder builder = FaceReconstructor.builder().model(model).backend(backend);
        if (detector != null) {
            builder.landmarkDetector(detector);
        }
        if (detail) {
            builder.detail(d -> {
                if (subdivisions != null) {
                    d.subdivisions(subdivisions);
                }
                if (detailRegulariser != null) {
                    d.regulariser(detailRegulariser);
                }
            });
        } else {
            builder.withoutDetail();
        }
        return builder;
    }

    private static void printSummary(PrintWriter out, String label, RgbImage photo, Reconstruction r,
                                     WrittenFiles files) {
        out.printf(Locale.ROOT, "Reconstructed %s (%dx%d) in %.2f s, backend %s%n", label, photo.width(),
                photo.height(), r.summary().totalSeconds(), r.summary().backend());
        for (StageSummary stage : r.summary().stages()) {
            out.printf(Locale.ROOT, "  %-20s %7.2f s  %4d iterations%n", stage.name(), stage.seconds(),
                    stage.iterations());
        }
        if (r.hasDetail()) {
            DetailResult d = r.detail();
            out.printf(Locale.ROOT, "Detail: %d vertices (%d subdivisions), %d seen; displacement RMS %.3f mm, max |d| %.2f mm%n",
                    d.subdivided().vertexCount(), d.subdivided().levels(), count(d.visible()), rms(d.displacement()),
                    maxAbs(d.displacement()));
        }
        out.printf(Locale.ROOT, "Landmark RMS error: %.2f px (inter-ocular distance %.0f px)%n",
                r.landmarkRmsPixels(), r.landmarks().interOcularDistance());
        out.printf("Wrote to %s:%n  %s%n", files.directory().toAbsolutePath().normalize(),
                files.all().stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(" ")));
        out.flush();
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }

    private static double rms(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += (double) v * v;
        }
        return values.length == 0 ? 0 : Math.sqrt(sum / values.length);
    }

    private static double maxAbs(float[] values) {
        double max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    private PixelLimit pixelLimit() {
        try {
            return maxMegapixels == null ? PixelLimit.heapDefault() : PixelLimit.megapixels(maxMegapixels, false);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--max-megapixels: " + e.getMessage());
        }
    }

    private LandmarkDetector detectorByName() {
        return DetectorOption.parse(spec, detector);
    }
}
