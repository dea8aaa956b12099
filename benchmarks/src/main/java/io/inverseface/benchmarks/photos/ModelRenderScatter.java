package io.inverseface.benchmarks.photos;

import io.inverseface.core.landmarks.DetectedFace;
import io.inverseface.core.landmarks.LandmarkDetector;
import io.inverseface.core.landmarks.LandmarkDetectors;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.synth.SyntheticFace;
import io.inverseface.core.synth.SyntheticFaceGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A detector against the model's own landmark vertices: random faces of the model are rendered with known
 * geometry ({@link SyntheticFaceGenerator}, neutral, yaw ±30°, pitch ±15°), the detector runs on each, and
 * {@link PointScatter} gathers where its points fall from the projected landmark vertices. This is the
 * offset between the detector's convention and the model's, which is what the fit sees.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.inverseface.benchmarks.photos.ModelRenderScatter
 * [--count N] [--seed S] [--detector SPEC] [--points FILE]}.
 */
public final class ModelRenderScatter {

    private ModelRenderScatter() {
    }

    public static void main(String[] args) throws IOException {
        int count = 100;
        long seed = 11;
        String spec = "mediapipe:calibrate=false";
        Path points = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--count" -> count = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--detector" -> spec = args[++i];
                case "--points" -> points = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --count N, --seed S, --detector SPEC, --points FILE)");
            }
        }
        FaceModel model = FaceModels.ictLight();
        SyntheticFaceGenerator gen = SyntheticFaceGenerator.builder().model(model).seed(seed).expressionCount(0)
                .yawRange(30).pitchRange(15).rollRange(5).landmarkNoise(0).build();
        LandmarkDetector detector = LandmarkDetectors.byName(spec);
        PointScatter scatter = new PointScatter();
        double nme = 0;
        int found = 0;
        for (int k = 0; k < count; k++) {
            SyntheticFace f = gen.face(k);
            List<DetectedFace> faces = detector.detect(f.image());
            Optional<DetectedFace> d = PhotoLandmarkBenchmark.select(faces, f.trueLandmarks());
            if (d.isEmpty()) {
                continue;
            }
            double[] p = d.get().landmarks().coordinates();
            scatter.add(p, f.trueLandmarks());
            nme += Nme.nme51(p, f.trueLandmarks());
            found++;
        }
        System.out.printf(Locale.ROOT, "%s on %d model renders: found %d, NME51 %.2f %% against the landmark vertices%n",
                spec, count, found, 100 * nme / Math.max(1, found));
        String table = scatter.csv("detector " + spec + " against the model's landmark vertices on " + count
                + " neutral renders (seed " + seed + ", yaw 30, pitch 15, roll 5), ModelRenderScatter");
        if (points != null) {
            Files.writeString(points, table);
        } else {
            System.out.print(table);
        }
    }
}
