package io.inverseface.benchmarks.core;

import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.Reconstruction;
import io.inverseface.core.io.ImageLoader;
import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import io.inverseface.data.samples.Samples;
import io.inverseface.optim.backend.Backend;
import io.inverseface.optim.backend.opencl.OpenClBackend;
import io.inverseface.optim.backend.BackendUnavailableException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole coarse stage on the embedded sample photo (astronaut, 512×512, its 68 landmarks), per
 * backend: {@code reconstruct(image, landmarks)} end to end, including the overlay rendering, with and
 * without the detail stage.
 *
 * <p>OPENCL means an OpenCL GPU (PoCL's CPU device is never benchmarked) and CUDA an NVIDIA GPU;
 * where one is missing the setup prints UNAVAILABLE and the benchmark body returns at once.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CoarseStage -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class CoarseStageBenchmark {

    @Param({"CPU", "OPENCL", "CUDA"})
    public String backend;

    private FaceReconstructor reconstructor;
    private FaceReconstructor withDetail;
    private RgbImage image;
    private Landmarks landmarks;

    @Setup
    public void setup() {
        image = ImageLoader.load(Samples.astronautImage());
        landmarks = Landmarks.of(Samples.astronautLandmarks());
        Backend kind = Backend.valueOf(backend);
        try {
            if (kind == Backend.OPENCL) {
                OpenClBackend.open(true).close(); // a GPU, or BackendUnavailableException
            }
            reconstructor = FaceReconstructor.builder().backend(kind).build();
            withDetail = FaceReconstructor.builder().backend(kind).detail(d -> { }).build();
            System.out.println(reconstructor.reconstruct(image, landmarks).summary().fullReport());
        } catch (BackendUnavailableException | LinkageError e) {
            System.out.println("UNAVAILABLE backend=" + backend + ": " + e.getMessage());
            reconstructor = null;
            withDetail = null;
        }
    }

    @Benchmark
    public Object reconstruct() {
        if (reconstructor == null) {
            return null;
        }
        Reconstruction r = reconstructor.reconstruct(image, landmarks);
        return r.parameters();
    }

    /** Coarse and detail stages end to end (the detail stage's defaults: one subdivision, one round). */
    @Benchmark
    public Object reconstructWithDetail() {
        if (withDetail == null) {
            return null;
        }
        return withDetail.reconstruct(image, landmarks).detail();
    }
}
