package io.inverseface.examples;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inverseface.core.io.ImageLoader;
import io.inverseface.core.io.LandmarksWriter;
import io.inverseface.render.RgbImage;
import io.inverseface.core.io.PixelLimit;
import io.inverseface.core.landmarks.DetectedFace;
import io.inverseface.core.landmarks.FaceChoice;
import io.inverseface.core.landmarks.LandmarkDetector;
import io.inverseface.core.landmarks.LandmarkDetectors;
import io.inverseface.core.output.MultiViewWriter;
import io.inverseface.core.output.ReconstructionWriter;
import io.inverseface.render.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code inverseface landmarks}: detection only. For every photo it writes {@code NAME.json} with every face
 * found (box, score, 68 points, largest first, in the library's pixel-corner convention) and
 * {@code NAME.pts} with the chosen face's 68 points in the iBUG convention, ready for
 * {@code reconstruct --landmarks} or for checking by hand.
 */
@Command(name = "landmarks", mixinStandardHelpOptions = true,
        description = "Detect the faces and their 68 landmarks in photos: NAME.json (every face) and NAME.pts (one).")
final class LandmarksCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Photos (PNG or JPEG).")
    private List<Path> images;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Output directory.")
    private Path output;

    @Option(names = "--detector", defaultValue = LandmarkDetectors.DEFAULT, paramLabel = "NAME",
            description = "face-api, mediapipe or combined, optionally with settings (default: ${DEFAULT-VALUE}).")
    private String detector;

    @Option(names = "--face", defaultValue = "largest", paramLabel = "WHICH",
            description = "The face written to NAME.pts: largest (default), score, N (from 1, largest first) or X,Y.")
    private String face;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    private boolean verbose;

    @Override
    public Integer call() {
        FaceChoice choice;
        try {
            choice = FaceChoice.parse(face);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--face: " + e.getMessage());
        }
        List<String> names = images.stream().map(MultiViewWriter::stem).toList();
        if (names.stream().distinct().count() != names.size()) {
            throw new ParameterException(spec.commandLine(), "two photos have the same file name: " + names);
        }
        LandmarkDetector d = DetectorOption.parse(spec, detector);
        ReconstructionWriter.prepareDirectory(output);
        PrintWriter out = spec.commandLine().getOut();
        int withoutFace = 0;
        for (int i = 0; i < images.size(); i++) {
            RgbImage photo = ImageLoader.load(images.get(i), PixelLimit.heapDefault().maxPixels());
            List<DetectedFace> faces = d.detect(photo);
            write(output.resolve(names.get(i) + ".json"), json(images.get(i), photo, faces));
            if (faces.isEmpty()) {
                withoutFace++;
                out.printf(Locale.ROOT, "%s: no face%n", images.get(i));
                continue;
            }
            DetectedFace chosen = choice.choose(faces, images.get(i).toString());
            LandmarksWriter.writePts(chosen.landmarks(), output.resolve(names.get(i) + ".pts"));
            out.printf(Locale.ROOT, "%s: %d face(s); face %d (score %.2f, %.0f px between the eyes) -> %s.pts%n",
                    images.get(i), faces.size(), faces.indexOf(chosen) + 1, chosen.score(),
                    chosen.landmarks().interOcularDistance(), names.get(i));
        }
        out.printf(Locale.ROOT, "Wrote to %s (%d photos, %d without a face)%n", output.toAbsolutePath().normalize(),
                images.size(), withoutFace);
        out.flush();
        return 0;
    }

    private String json(Path file, RgbImage photo, List<DetectedFace> faces) {
        ObjectNode root = JSON.createObjectNode();
        root.put("image", file.toString());
        root.put("width", photo.width());
        root.put("height", photo.height());
        root.put("detector", detector);
        root.put("convention", "pixel corners: the top-left pixel's centre is (0.5, 0.5); .pts files add 0.5");
        ArrayNode list = root.putArray("faces");
        for (DetectedFace f : faces) {
            ObjectNode o = list.addObject();
            ObjectNode box = o.putObject("box");
            box.put("x", f.box().x());
            box.put("y", f.box().y());
            box.put("width", f.box().width());
            box.put("height", f.box().height());
            o.put("score", f.score());
            ArrayNode pts = o.putArray("landmarks");
            for (int k = 0; k < io.inverseface.core.io.Landmarks.COUNT; k++) {
                pts.addArray().add(f.landmarks().x(k)).add(f.landmarks().y(k));
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path target, String text) {
        try {
            AtomicFiles.writeString(target, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
