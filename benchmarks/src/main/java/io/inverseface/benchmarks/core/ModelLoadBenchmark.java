package io.inverseface.benchmarks.core;

import io.inverseface.benchmarks.SharedFolder;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.GenericAlbedoPrior;
import io.inverseface.core.model.IctLightModelLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The model load a command pays once per process, against its baseline in the same run: the albedo
 * prior's Laplacian eigenpairs computed (what every load did before they were cached), and the whole
 * load of the ICT model with the eigenpairs read from the user cache (checksums on and off). The first
 * load of the run fills the cache if it is empty.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.inverseface.benchmarks.core.ModelLoadBenchmark [repeats]</pre>
 */
public final class ModelLoadBenchmark {

    private ModelLoadBenchmark() {
    }

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = SharedFolder.locate(Path.of("shared/models/ict-face-light"), Files::isDirectory)
                .orElseThrow(() -> new IllegalStateException("no shared/models/ict-face-light at or above the working directory"));
        long c0 = System.nanoTime();
        FaceModel first = new IctLightModelLoader().load(dir);
        System.out.printf(Locale.ROOT, "first load in this JVM (class loading, JIT cold; fills the cache if empty): %.3f s%n",
                (System.nanoTime() - c0) * 1e-9);
        double compute = Double.MAX_VALUE, cached = Double.MAX_VALUE, unchecked = Double.MAX_VALUE;
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            GenericAlbedoPrior.compute(first.meanShape(), first.triangles(), first.landmarkVertices(),
                    GenericAlbedoPrior.DEFAULT_EIGENVECTORS);
            long t1 = System.nanoTime();
            new IctLightModelLoader().load(dir);
            long t2 = System.nanoTime();
            new IctLightModelLoader(false, GenericAlbedoPrior.DEFAULT_EIGENVECTORS).load(dir);
            long t3 = System.nanoTime();
            compute = Math.min(compute, (t1 - t0) * 1e-9);
            cached = Math.min(cached, (t2 - t1) * 1e-9);
            unchecked = Math.min(unchecked, (t3 - t2) * 1e-9);
        }
        System.out.printf(Locale.ROOT, "best of %d, warm JVM:%n", repeats);
        System.out.printf(Locale.ROOT, "  albedo prior eigenpairs computed (the uncached load's extra cost): %.3f s%n", compute);
        System.out.printf(Locale.ROOT, "  whole model load, eigenpairs from the cache, checksums on:         %.3f s%n", cached);
        System.out.printf(Locale.ROOT, "  the same, checksums off:                                          %.3f s%n", unchecked);
        System.out.printf(Locale.ROOT, "  uncached load ≈ %.3f s: the cache makes it %.1f× faster%n", cached + compute,
                (cached + compute) / cached);
    }
}
