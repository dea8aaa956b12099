package io.inverseface.benchmarks.core;

import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.MultiViewReconstruction;
import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.synth.SyntheticFace;
import io.inverseface.core.synth.SyntheticFaceGenerator;
import java.util.List;
import java.util.Locale;

/**
 * Time of the joint (multi-view) coarse fit against the number of photos, warm, on synthetic views of one
 * person at 512²: the single fit of the first view is the baseline of the same run.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.inverseface.benchmarks.core.JointFitScalingBenchmark [counts, e.g. 1,2,4,8]</pre>
 */
public final class JointFitScalingBenchmark {

    private JointFitScalingBenchmark() {
    }

    public static void main(String[] args) {
        int[] counts = java.util.Arrays.stream((args.length > 0 ? args[0] : "1,2,4,8").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int most = java.util.Arrays.stream(counts).max().orElse(1);
        FaceModel model = FaceModels.ictLight();
        List<SyntheticFace> views = SyntheticFaceGenerator.builder().model(model).seed(21).yawRange(35)
                .expressionCount(2).landmarkNoise(1.5).build().views(0, most);
        try (FaceReconstructor r = FaceReconstructor.builder().model(model).withoutDetail().build()) {
            // Warm-up: the JIT, the caches.
            r.reconstruct(views.get(0).image(), views.get(0).landmarks());
            r.reconstruct(images(views, 2), landmarks(views, 2));
            long s0 = System.nanoTime();
            r.reconstruct(views.get(0).image(), views.get(0).landmarks());
            double single = (System.nanoTime() - s0) * 1e-9;
            System.out.printf(Locale.ROOT, "single-photo fit: %.2f s%n", single);
            System.out.println("| photos | joint fit, s | per photo, s | against N single fits |");
            System.out.println("|---:|---:|---:|---:|");
            for (int n : counts) {
                long t0 = System.nanoTime();
                MultiViewReconstruction joint = r.reconstruct(images(views, n), landmarks(views, n));
                double s = (System.nanoTime() - t0) * 1e-9;
                System.out.printf(Locale.ROOT, "| %d | %.2f | %.2f | %.2f× |%n", joint.views().size(), s, s / n,
                        s / (n * single));
            }
        }
    }

    private static List<RgbImage> images(List<SyntheticFace> views, int n) {
        return views.subList(0, n).stream().map(SyntheticFace::image).toList();
    }

    private static List<Landmarks> landmarks(List<SyntheticFace> views, int n) {
        return views.subList(0, n).stream().map(SyntheticFace::landmarks).toList();
    }
}
