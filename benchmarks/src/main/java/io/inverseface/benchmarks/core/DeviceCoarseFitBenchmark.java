package io.inverseface.benchmarks.core;

import io.inverseface.core.coarse.StageSummary;
import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.Reconstruction;
import io.inverseface.core.io.ImageLoader;
import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.data.samples.Samples;
import io.inverseface.optim.SolverSummary;
import io.inverseface.optim.backend.Backend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The coarse fit of the sample photo (given landmarks) on each backend in one run: time per full fit,
 * per Levenberg-Marquardt iteration, the split between energy evaluation, linear algebra and the host
 * work around the solver (visibility rasterisation, sample selection, pyramid), the achieved GFLOP/s of
 * the normal equations (m·n² per linearisation), the fit with the detail stage, and ratios against the
 * first backend (the CPU). On OpenCL and CUDA the energy is evaluated by the device kernels.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.inverseface.benchmarks.core.DeviceCoarseFitBenchmark [runs] [CPU,OPENCL,CUDA]}
 */
public final class DeviceCoarseFitBenchmark {

    private DeviceCoarseFitBenchmark() {
    }

    /** Means over the measured fits of one backend. */
    private record Row(Backend kind, String backend, double fitMs, double fitMinMs, double iterations, double iterationMs,
                       double evaluationMs, double linearMs, double hostMs, double gflops, double withDetailMs) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<Backend> backends = new ArrayList<>();
        for (String b : (args.length > 1 ? args[1] : "CPU,OPENCL,CUDA").split(",")) {
            backends.add(Backend.valueOf(b.trim()));
        }
        FaceModel model = FaceModels.ictLight();
        RgbImage image = ImageLoader.load(Samples.astronautImage());
        Landmarks landmarks = Landmarks.of(Samples.astronautLandmarks());
        System.out.printf(Locale.ROOT, "coarse fit of the sample photo (%dx%d), %d runs after 3 warm-ups, %d CPU threads%n",
                image.width(), image.height(), runs, Runtime.getRuntime().availableProcessors());
        List<Row> rows = new ArrayList<>();
        for (Backend kind : backends) {
            FaceReconstructor coarse;
            try {
                coarse = FaceReconstructor.builder().model(model).backend(kind).build();
            } catch (RuntimeException e) {
                System.out.printf(Locale.ROOT, "%-8s UNAVAILABLE: %s%n", kind, e.getMessage());
                continue;
            }
            try (coarse; FaceReconstructor withDetail = FaceReconstructor.builder().model(model).backend(kind)
                    .detail(d -> { }).build()) {
                for (int i = 0; i < 3; i++) {
                    coarse.reconstruct(image, landmarks);
                    withDetail.reconstruct(image, landmarks);
                }
                double[] fit = new double[runs];
                double iterations = 0, solverS = 0, evalS = 0, linearS = 0, flops = 0, detailS = 0;
                String name = coarse.backendName();
                for (int run = 0; run < runs; run++) {
                    long t0 = System.nanoTime();
                    Reconstruction r = coarse.reconstruct(image, landmarks);
                    fit[run] = (System.nanoTime() - t0) * 1e-6;
                    for (StageSummary stage : r.summary().stages()) {
                        for (SolverSummary s : stage.solves()) {
                            int its = Math.max(0, s.iterations().size() - 1);
                            iterations += its;
                            solverS += s.totalSeconds();
                            evalS += s.evaluationSeconds();
                            linearS += s.linearSolverSeconds();
                            double n = s.parameterCount();
                            flops += (s.successfulSteps() + 1.0) * s.residualCount() * n * n;
                            name = s.backend();
                        }
                    }
                    long t1 = System.nanoTime();
                    withDetail.reconstruct(image, landmarks);
                    detailS += (System.nanoTime() - t1) * 1e-9;
                }
                double mean = Arrays.stream(fit).average().orElse(Double.NaN);
                Row row = new Row(kind, name, mean, Arrays.stream(fit).min().orElse(Double.NaN), iterations / runs,
                        1e3 * solverS / iterations, 1e3 * evalS / runs, 1e3 * linearS / runs,
                        mean - 1e3 * solverS / runs, flops / linearS * 1e-9, 1e3 * detailS / runs);
                rows.add(row);
                System.out.printf(Locale.ROOT, "%-8s %s%n", kind, row.backend());
            }
        }
        System.out.printf(Locale.ROOT, "%n%-8s %9s %9s %6s %9s %9s %9s %9s %8s %11s %8s%n", "backend", "fit ms", "min ms",
                "iters", "ms/iter", "eval ms", "linalg ms", "host ms", "GFLOP/s", "+detail ms", "speedup");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            String kind = r.kind().name();
            System.out.printf(Locale.ROOT, "%-8s %9.1f %9.1f %6.1f %9.3f %9.1f %9.1f %9.1f %8.2f %11.1f %7.2fx%n", kind,
                    r.fitMs(), r.fitMinMs(), r.iterations(), r.iterationMs(), r.evaluationMs(), r.linearMs(), r.hostMs(),
                    r.gflops(), r.withDetailMs(), rows.get(0).fitMs() / r.fitMs());
        }
    }
}
