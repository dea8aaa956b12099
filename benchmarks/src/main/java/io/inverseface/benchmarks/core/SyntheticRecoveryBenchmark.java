package io.inverseface.benchmarks.core;

import io.inverseface.benchmarks.options.CoarseOptionOverrides;
import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.Reconstruction;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.synth.RecoveryMetrics;
import io.inverseface.core.synth.SyntheticFace;
import io.inverseface.core.synth.SyntheticFaceGenerator;
import io.inverseface.optim.backend.Backend;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Recovery of synthetic faces by the coarse stage with its default options: each face (seeded
 * {@link SyntheticFaceGenerator} defaults: 512 px, yaw ±45°, pitch ±15°, roll ±10°, 1 px landmark noise,
 * 0.01 pixel noise) is fitted with landmarks only ({@code photometricRounds(0)},
 * {@code appearanceIterations(0)}) and with the full coarse stage. Columns: vertex error on the narrow
 * face region after rigid alignment (mm; "sim" after a similarity alignment), mean landmark
 * reprojection error against the noise-free landmarks (px), absolute pose angle errors (degrees) and
 * wall time per fit (s).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.inverseface.benchmarks.core.SyntheticRecoveryBenchmark [faces] [seed] [backend]}
 * (defaults 20, 42, CPU).
 */
public final class SyntheticRecoveryBenchmark {

    private SyntheticRecoveryBenchmark() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42L;
        Backend backend = args.length > 2 ? Backend.valueOf(args[2].toUpperCase(Locale.ROOT)) : Backend.CPU;
        // A fourth argument, name=value,..., sets coarse options (e.g. landmarkNoise=0.0083 for these faces'
        // 1 px landmarks, jawLandmarkWeight=1 for their exact jaw points).
        Consumer<FaceReconstructor.Builder> overrides = args.length > 3 ? CoarseOptionOverrides.parse(args[3]) : b -> { };
        FaceModel model = FaceModels.ictLight();
        SyntheticFaceGenerator generator = SyntheticFaceGenerator.builder().model(model).seed(seed).build();
        FaceReconstructor.Builder fullBuilder = FaceReconstructor.builder().model(model).backend(backend);
        overrides.accept(fullBuilder);
        FaceReconstructor full = fullBuilder.build();
        FaceReconstructor.Builder landmarksOnlyBuilder = FaceReconstructor.builder().model(model).backend(backend);
        overrides.accept(landmarksOnlyBuilder);
        FaceReconstructor landmarksOnly = landmarksOnlyBuilder
                .coarse(c -> c.photometricRounds(0).appearanceIterations(0)).build();
        // Warm-up on a face outside the table so that JIT compilation does not land in face 0's time.
        SyntheticFace warm = SyntheticFaceGenerator.builder().model(model).seed(seed + 1).build().face(0);
        full.reconstruct(warm.image(), warm.landmarks());
        landmarksOnly.reconstruct(warm.image(), warm.landmarks());

        System.out.printf(Locale.ROOT, "Synthetic recovery: %d faces, seed %d, backend %s, model %s%n", count, seed,
                full.backendName(), model.name());
        System.out.println("| face | yaw° | lmk-only mm | coarse mm | coarse sim mm | lmk-only px | coarse px "
                + "| Δyaw° | Δpitch° | Δroll° | lmk-only s | coarse s |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        double[][] columns = new double[11][count];
        for (int i = 0; i < count; i++) {
            SyntheticFace face = generator.face(i);
            long t0 = System.nanoTime();
            Reconstruction l = landmarksOnly.reconstruct(face.image(), face.landmarks());
            long t1 = System.nanoTime();
            Reconstruction r = full.reconstruct(face.image(), face.landmarks());
            long t2 = System.nanoTime();
            RecoveryMetrics ml = RecoveryMetrics.of(model, face, l.parameters());
            RecoveryMetrics mf = RecoveryMetrics.of(model, face, r.parameters());
            double[] row = {Math.toDegrees(face.truth().pose().yaw()), ml.vertexErrorMm(), mf.vertexErrorMm(),
                    mf.scaledVertexErrorMm(), ml.landmarkErrorPx(), mf.landmarkErrorPx(), mf.yawErrorDeg(),
                    mf.pitchErrorDeg(), mf.rollErrorDeg(), (t1 - t0) * 1e-9, (t2 - t1) * 1e-9};
            for (int c = 0; c < row.length; c++) {
                columns[c][i] = row[c];
            }
            System.out.println(format(String.valueOf(i), row));
        }
        double[] mean = new double[columns.length], median = new double[columns.length];
        for (int c = 0; c < columns.length; c++) {
            double[] sorted = columns[c].clone();
            if (c == 0) {
                // Yaw: summarise its magnitude.
                for (int i = 0; i < sorted.length; i++) {
                    sorted[i] = Math.abs(sorted[i]);
                }
            }
            mean[c] = Arrays.stream(sorted).average().orElse(Double.NaN);
            Arrays.sort(sorted);
            median[c] = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : 0.5 * (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]);
        }
        System.out.println(format("**mean**", mean));
        System.out.println(format("**median**", median));
    }

    private static String format(String label, double[] row) {
        StringBuilder sb = new StringBuilder("| ").append(label);
        for (int c = 0; c < row.length; c++) {
            String f = c == 0 ? "%.1f" : (c >= 9 ? "%.2f" : (c >= 6 ? "%.2f" : "%.3f"));
            sb.append(" | ").append(String.format(Locale.ROOT, f, row[c]));
        }
        return sb.append(" |").toString();
    }
}
