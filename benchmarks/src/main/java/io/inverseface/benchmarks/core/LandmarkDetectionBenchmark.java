package io.inverseface.benchmarks.core;

import io.inverseface.core.io.ImageLoader;
import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import io.inverseface.core.landmarks.DetectedFace;
import io.inverseface.core.landmarks.FaceApiLandmarkDetector;
import io.inverseface.core.landmarks.FaceBox;
import io.inverseface.core.landmarks.FaceDetection;
import io.inverseface.core.landmarks.TinyFaceDetector;
import io.inverseface.data.samples.Samples;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Face detection + 68 landmarks on the embedded sample photo (astronaut, 512×512), single-threaded:
 * the whole {@link FaceApiLandmarkDetector#detect} call, and its two halves (the tiny face detector
 * at 416×416, the landmark net on the found box). Target: the whole call within 50 ms on 2 cores.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar LandmarkDetection -f 1 -wi 5 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class LandmarkDetectionBenchmark {

    private FaceApiLandmarkDetector detector;
    private TinyFaceDetector faceDetector;
    private RgbImage image;
    private FaceBox box;

    @Setup
    public void setup() {
        image = ImageLoader.load(Samples.astronautImage());
        faceDetector = new TinyFaceDetector();
        detector = new FaceApiLandmarkDetector();
        List<FaceDetection> faces = faceDetector.detect(image);
        if (faces.size() != 1) {
            throw new IllegalStateException("expected one face in the sample photo, found " + faces.size());
        }
        box = faces.get(0).box();
    }

    /** Detection and landmarks, as {@code reconstruct(image)} would call it. */
    @Benchmark
    public List<DetectedFace> detectAndLandmarks() {
        return detector.detect(image);
    }

    /** The tiny face detector alone. */
    @Benchmark
    public List<FaceDetection> faceDetectorOnly() {
        return faceDetector.detect(image);
    }

    /** The 68-point net alone, on the known box. */
    @Benchmark
    public Landmarks landmarkNetOnly() {
        return detector.landmarksIn(image, box);
    }
}
