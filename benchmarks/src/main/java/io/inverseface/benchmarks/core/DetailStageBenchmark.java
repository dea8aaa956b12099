package io.inverseface.benchmarks.core;

import io.inverseface.core.detail.DetailOptions;
import io.inverseface.core.detail.DetailResult;
import io.inverseface.core.detail.DetailStage;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.synth.SyntheticDetailScene;
import io.inverseface.optim.backend.Backend;
import io.inverseface.optim.backend.Backends;
import io.inverseface.optim.backend.LinearAlgebraBackend;
import java.util.Locale;

/**
 * The detail stage on a synthetic scene with known detail (the mean face, one Loop subdivision, ~26.5k
 * vertices, bumps and a crease; see {@link SyntheticDetailScene}): wall time per run, per-round ADMM
 * iterations, and the correlation of the recovered displacement with the truth.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.inverseface.benchmarks.core.DetailStageBenchmark [runs] [L1|L2] [CPU|OPENCL|CUDA]}
 * (the backend runs the L1 solve; the rest of the stage is on the CPU)
 */
public final class DetailStageBenchmark {

    private DetailStageBenchmark() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        DetailOptions.Regulariser reg = args.length > 1 ? DetailOptions.Regulariser.valueOf(args[1]) : DetailOptions.Regulariser.L1;
        Backend kind = args.length > 2 ? Backend.valueOf(args[2]) : Backend.CPU;
        FaceModel model = FaceModels.ictLight();
        DetailOptions options = DetailOptions.builder().regulariser(reg).build();
        SyntheticDetailScene scene = new SyntheticDetailScene(model, options.subdivisions(), 0.2);
        LinearAlgebraBackend backend = Backends.create(kind);
        DetailStage stage = new DetailStage(options, backend);
        System.out.printf(Locale.ROOT, "detail stage, %s, %d fine vertices, %d cores, %s%n", reg, scene.truth.length,
                Runtime.getRuntime().availableProcessors(), backend.name());
        for (int run = 0; run < runs; run++) {
            DetailResult r = stage.refine(scene.vertices, scene.albedo, scene.regionTriangles, scene.lighting, scene.pose,
                    scene.image);
            StringBuilder rounds = new StringBuilder();
            for (DetailResult.DetailRound round : r.rounds()) {
                rounds.append(String.format(Locale.ROOT, " [%d it, %.0f ms, rms %.4f→%.4f]", round.iterations(),
                        1e3 * round.seconds(), round.dataRmsBefore(), round.dataRmsAfter()));
            }
            System.out.printf(Locale.ROOT, "run %d: %.0f ms, correlation %.3f,%s%n", run, 1e3 * r.seconds(),
                    correlation(r.displacement(), scene.truth, r.visible()), rounds);
        }
        backend.close();
    }

    static double correlation(float[] a, float[] b, boolean[] mask) {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (!mask[i]) {
                continue;
            }
            sa += a[i]; sb += b[i]; saa += a[i] * a[i]; sbb += b[i] * b[i]; sab += a[i] * b[i];
            n++;
        }
        double cov = sab / n - sa / n * sb / n;
        return cov / Math.sqrt((saa / n - sa * sa / n / n) * (sbb / n - sb * sb / n / n));
    }
}
