package io.inverseface.core.batch;

import io.inverseface.render.io.ImageFiles;
import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.io.LandmarksWriter;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.synth.SyntheticFace;
import io.inverseface.core.synth.SyntheticFaceGenerator;
import io.inverseface.data.samples.Samples;
import io.inverseface.optim.backend.Backend;
import io.inverseface.render.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/** Inputs and a fast reconstructor for batch tests (also used by the child JVM of the kill test). */
final class BatchFixtures {

    private BatchFixtures() {
    }

    /** A coarse stage cut down to seconds per image: the tests exercise the batch, not the fit. */
    static FaceReconstructor fastReconstructor() {
        return FaceReconstructor.builder().model(FaceModels.ictLight()).backend(Backend.CPU)
                .coarse(c -> c.identityModes(20).photometricRounds(1).photometricIterations(2)).build();
    }

    /**
     * Writes {@code count} synthetic faces (256 px) as {@code images/synth_i.png} with their landmarks
     * as {@code landmarks/synth_i.pts}.
     */
    static void writeSyntheticInputs(Path images, Path landmarks, int count) throws IOException {
        SyntheticFaceGenerator generator = SyntheticFaceGenerator.builder().model(FaceModels.ictLight()).seed(7)
                .imageSize(256).yawRange(20).build();
        for (int i = 0; i < count; i++) {
            SyntheticFace face = generator.face(i);
            String name = String.format(Locale.ROOT, "synth_%d", i);
            ImageFiles.writePng(face.image(), images.resolve(name + ".png"));
            LandmarksWriter.writePts(face.landmarks(), landmarks.resolve(name + ".pts"));
        }
    }

    /** The sample photo (its landmarks are left to the detector) in a sub-directory. */
    static void writeSamplePhoto(Path images) throws IOException {
        Files.createDirectories(images.resolve("people"));
        Files.copy(Samples.astronautImage(), images.resolve("people/astronaut.png"));
    }

    /** A file named like a PNG that is not one. */
    static void writeCorruptImage(Path images) throws IOException {
        Files.writeString(images.resolve("corrupt.png"), "this is not a PNG");
    }

    /** Files whose names start with '.' and end with '.tmp' anywhere under {@code root}. */
    static long tempFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(".") && n.endsWith(".tmp");
            }).count();
        }
    }
}
