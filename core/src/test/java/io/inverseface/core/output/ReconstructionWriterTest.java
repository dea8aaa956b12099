package io.inverseface.core.output;

import io.inverseface.render.io.ImageFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.inverseface.core.FaceParameters;
import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.Reconstruction;
import io.inverseface.core.io.ImageLoader;
import io.inverseface.core.io.LandmarksReader;
import io.inverseface.render.RgbImage;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.data.samples.Samples;
import io.inverseface.optim.backend.Backend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconstructionWriterTest {

    private static FaceModel model;
    private static RgbImage photo;
    private static Reconstruction reconstruction;
    /** One write shared by the read-only checks: writing renders three pictures, no need to repeat it. */
    @TempDir
    static Path shared;
    private static WrittenFiles files;

    @BeforeAll
    static void reconstructTheSampleCheaply() {
        model = FaceModels.ictLight();
        photo = ImageLoader.load(Samples.astronautImage());
        // Few modes and iterations: these tests check the files, not the quality of the fit.
        FaceReconstructor reconstructor = FaceReconstructor.builder().model(model).backend(Backend.CPU)
                .coarse(c -> c.identityModes(20).photometricRounds(1).photometricIterations(2)
                        .landmarkRounds(1).landmarkIterations(5))
                .build();
        reconstruction = reconstructor.reconstruct(photo, LandmarksReader.read(Samples.astronautLandmarksPts()));
        files = new ReconstructionWriter().write(reconstruction, shared.resolve("out"));
    }

    @Test
    void writesEveryFileNonEmptyAndNoTemporaryFiles() throws IOException {
        assertThat(files.all()).hasSize(8).allSatisfy(p -> assertThat(p).isNotEmptyFile());
        assertThat(files.all()).extracting(p -> p.getFileName().toString()).containsExactly("mesh.obj", "mesh.ply",
                "parameters.json", "overlay.png", "landmarks.png", "shaded.png", "shaded-front.png", "mask.png");
        assertThat(names(files.directory())).noneMatch(n -> n.endsWith(".tmp"));
        // Without a detail result nothing of the detail stage is written.
        assertThat(reconstruction.hasDetail()).isFalse();
        assertThat(files.hasDetail()).isFalse();
        assertThat(names(files.directory())).hasSize(8);
    }

    @Test
    void parametersJsonReadsBackToTheSameValues() throws IOException {
        JsonNode root = JsonMapper.builder().build().readTree(files.parametersJson().toFile());
        FaceParameters p = reconstruction.parameters();

        assertThat(root.get("format").asText()).isEqualTo("inverseface-parameters");
        assertThat(root.get("model").get("vertices").asInt()).isEqualTo(model.vertexCount());
        assertThat(doubles(root.get("identity"))).containsExactly(p.identity());
        assertThat(doubles(root.get("expression").get("weights"))).containsExactly(p.expression());
        assertThat(strings(root.get("expression").get("names"))).containsExactlyElementsOf(model.expressionNames());
        assertThat(doubles(root.get("albedo"))).containsExactly(p.albedo());
        JsonNode pose = root.get("pose");
        assertThat(new double[] {pose.get("pitch").asDouble(), pose.get("yaw").asDouble(), pose.get("roll").asDouble(),
                pose.get("tx").asDouble(), pose.get("ty").asDouble(), pose.get("tz").asDouble(),
                pose.get("scale").asDouble()}).containsExactly(p.pose().toArray());
        assertThat(doubles(root.get("lighting").get("coefficients"))).hasSize(27)
                .containsExactly(p.lighting().coefficients());

        JsonNode lm = root.get("landmarks");
        assertThat(pairs(lm.get("input"))).containsExactly(reconstruction.landmarks().coordinates());
        assertThat(pairs(lm.get("fitted"))).containsExactly(reconstruction.fittedLandmarks());
        assertThat(lm.get("rmsPixels").asDouble()).isEqualTo(reconstruction.landmarkRmsPixels());

        JsonNode summary = root.get("summary");
        assertThat(summary.get("backend").asText()).isEqualTo(reconstruction.summary().backend());
        assertThat(summary.get("totalSeconds").asDouble()).isEqualTo(reconstruction.summary().totalSeconds());
        assertThat(summary.get("iterations").asInt()).isEqualTo(reconstruction.summary().iterations());
        JsonNode stages = summary.get("stages");
        assertThat(stages.size()).isEqualTo(reconstruction.summary().stages().size()).isPositive();
        for (int i = 0; i < stages.size(); i++) {
            var expected = reconstruction.summary().stages().get(i);
            JsonNode stage = stages.get(i);
            assertThat(stage.get("name").asText()).isEqualTo(expected.name());
            assertThat(stage.get("seconds").asDouble()).isEqualTo(expected.seconds());
            assertThat(stage.get("iterations").asInt()).isEqualTo(expected.iterations());
            expected.costPerTerm().forEach((term, cost) ->
                    assertThat(stage.get("costPerTerm").get(term).asDouble()).as(term).isEqualTo(cost));
        }
    }

    @Test
    void meshFilesHoldEveryVertexAndTriangle() throws IOException {
        int vertices = reconstruction.mesh().vertexCount(), triangles = reconstruction.mesh().triangleCount();
        List<String> obj = Files.readAllLines(files.meshObj());
        assertThat(obj.stream().filter(l -> l.startsWith("v "))).hasSize(vertices)
                .allSatisfy(l -> assertThat(l.split(" ")).hasSize(7)); // x y z r g b
        assertThat(obj.stream().filter(l -> l.startsWith("f "))).hasSize(triangles);

        byte[] ply = Files.readAllBytes(files.meshPly());
        String head = new String(ply, 0, 400, StandardCharsets.US_ASCII);
        assertThat(head).contains("element vertex " + vertices + "\n").contains("element face " + triangles + "\n");
        int headerLength = head.indexOf("end_header\n") + "end_header\n".length();
        assertThat(ply.length).isEqualTo(headerLength + 15L * vertices + 13L * triangles);
    }

    @Test
    void picturesHaveThePhotoSizeAndTheFrontViewIsCentred() throws IOException {
        for (Path p : List.of(files.overlayPng(), files.landmarksPng(), files.shadedPng())) {
            RgbImage img = ImageFiles.read(p);
            assertThat(img.width()).as(p.toString()).isEqualTo(photo.width());
            assertThat(img.height()).as(p.toString()).isEqualTo(photo.height());
        }
        RgbImage front = ImageFiles.read(files.shadedFrontPng());
        assertThat(front.width()).isEqualTo(ReconstructionWriter.FRONT_VIEW_SIZE);
        assertThat(front.height()).isEqualTo(ReconstructionWriter.FRONT_VIEW_SIZE);
        // The head's bounding box (non-background pixels) is centred and fills most of the picture.
        int minX = Integer.MAX_VALUE, maxX = -1, minY = Integer.MAX_VALUE, maxY = -1;
        for (int y = 0; y < front.height(); y++) {
            for (int x = 0; x < front.width(); x++) {
                if (!isColour(front, x, y, DiagnosticImages.FRONT_BACKGROUND)) {
                    minX = Math.min(minX, x); maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y); maxY = Math.max(maxY, y);
                }
            }
        }
        int size = front.width();
        assertThat(minX).as("left margin vs right").isCloseTo(size - 1 - maxX, within(3));
        assertThat(minY).as("top margin vs bottom").isCloseTo(size - 1 - maxY, within(3));
        assertThat(Math.max(maxX - minX, maxY - minY)).isBetween((int) (0.8 * size), (int) (0.9 * size));
    }

    @Test
    void landmarkMarkersSitOnTheirPositions() throws IOException {
        RgbImage img = ImageFiles.read(files.landmarksPng());
        double[] fit = reconstruction.fittedLandmarks(), in = reconstruction.landmarks().coordinates();
        double ring = DiagnosticImages.ringRadius(reconstruction);
        int ringsFound = 0;
        for (int i = 0; i < fit.length; i += 2) {
            // Fitted dots are drawn last, so each covers the pixel its position falls in.
            assertThat(isColour(img, (int) Math.floor(fit[i]), (int) Math.floor(fit[i + 1]), DiagnosticImages.FITTED_COLOUR))
                    .as("fitted landmark %d", i / 2).isTrue();
            // Rings pass through the pixel one radius above the input point unless a neighbour drew over it.
            if (isColour(img, (int) Math.floor(in[i]), (int) Math.floor(in[i + 1] - ring), DiagnosticImages.INPUT_COLOUR)) {
                ringsFound++;
            }
        }
        assertThat(ringsFound).isGreaterThan(fit.length / 2 * 3 / 4);
    }

    @Test
    void aDirectoryThatIsAFileFailsNamingItAndLeavesNothingBehind(@TempDir Path dir) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("taken"), "x");
        ReconstructionWriter writer = new ReconstructionWriter();

        assertThatThrownBy(() -> writer.write(reconstruction, notADirectory))
                .isInstanceOf(OutputWriteException.class).hasMessageContaining(notADirectory.toString());
        assertThat(names(dir)).containsExactly("taken");
    }

    @Test
    void aDirectoryThatCannotBeWrittenFailsBeforeAnythingIsRendered() {
        // /proc exists and refuses new files even to root (permissions would not tell as root).
        Path proc = Path.of("/proc");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(proc), "no /proc on this system");
        assertThatThrownBy(() -> ReconstructionWriter.prepareDirectory(proc)).isInstanceOf(OutputWriteException.class)
                .hasMessageContaining("/proc").hasMessageContaining("cannot write into it");
    }

    @Test
    void aCoarseRunIntoAFolderOfADetailRunLeavesOnlyItsOwnFilesAndNoStaleTemporaries(@TempDir Path dir) throws IOException {
        // What an earlier detail run of another photo and a killed write left behind.
        for (String name : new String[] {"detail.obj", "albedo.png", "detail-grid.png", ".mesh.obj.8731.tmp",
                ".overlay.png.42.tmp"}) {
            Files.writeString(dir.resolve(name), "old");
        }
        Files.writeString(dir.resolve("notes.txt"), "the user's own file");
        WrittenFiles files = new ReconstructionWriter().write(reconstruction, dir);
        List<String> expected = new java.util.ArrayList<>(files.all().stream().map(p -> p.getFileName().toString()).toList());
        expected.add("notes.txt");
        assertThat(names(dir)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aWriteFailingMidwayLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        // shaded.png is occupied by a directory: that write fails. The files are written side by side, so
        // the others finish (each whole, through its temporary), then the failure is reported.
        Files.createDirectories(dir.resolve("shaded.png").resolve("inside"));
        ReconstructionWriter writer = new ReconstructionWriter();

        assertThatThrownBy(() -> writer.write(reconstruction, dir))
                .isInstanceOf(OutputWriteException.class).hasMessageContaining("shaded.png");
        assertThat(names(dir)).noneMatch(n -> n.endsWith(".tmp")).contains("mesh.obj", "landmarks.png",
                "shaded-front.png");
        assertThat(dir.resolve("shaded.png")).isDirectory();
        for (String name : new String[] {"mesh.obj", "mesh.ply", "parameters.json", "overlay.png", "landmarks.png",
                "shaded-front.png", "mask.png"}) {
            assertThat(dir.resolve(name)).as(name).isNotEmptyFile();
        }
        assertThat(javax.imageio.ImageIO.read(dir.resolve("landmarks.png").toFile())).isNotNull();
    }

    @Test
    void aPhotoOfAnotherSizeIsRejected() {
        Reconstruction r = reconstruction;
        RgbImage small = new RgbImage(64, 64);
        assertThatThrownBy(() -> new Reconstruction(r.parameters(), r.mesh(), r.albedo(), r.camera(), r.landmarks(),
                r.fittedLandmarks(), r.summary(), r.detail(), r.skinMask(), r.quality(), small, r.model()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64x64");
    }

    @Test
    void theOverlayIsDrawnByOverlayAndIsThePhotoOutsideTheFace() throws IOException {
        RgbImage expected = Overlay.of(reconstruction);
        assertThat(Files.readAllBytes(files.overlayPng())).isEqualTo(ImageFiles.pngBytes(expected));
        for (int c = 0; c < 3; c++) {
            // The top-left corner is background: the photo as it was.
            assertThat(expected.get(0, 0, c)).isEqualTo(photo.get(0, 0, c));
        }
    }

    private static boolean isColour(RgbImage img, int x, int y, float[] rgb) {
        for (int c = 0; c < 3; c++) {
            if (Math.abs(img.get(x, y, c) - rgb[c]) > 1.5f / 255f) {
                return false;
            }
        }
        return true;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        return Stream.iterate(0, i -> i < array.size(), i -> i + 1).map(i -> array.get(i).asText()).toList();
    }

    private static double[] pairs(JsonNode array) {
        double[] out = new double[2 * array.size()];
        for (int i = 0; i < array.size(); i++) {
            out[2 * i] = array.get(i).get(0).asDouble();
            out[2 * i + 1] = array.get(i).get(1).asDouble();
        }
        return out;
    }
}
