package io.inverseface.benchmarks.render;

import io.inverseface.render.Camera;
import io.inverseface.render.Mesh;
import io.inverseface.render.Meshes;
import io.inverseface.render.Pose;
import io.inverseface.render.Rasterizer;
import io.inverseface.render.Renderer;
import io.inverseface.render.Rendering;
import io.inverseface.render.SphericalHarmonicsLighting;
import io.inverseface.render.VisibilityBuffer;
import io.inverseface.render.WeakPerspectiveCamera;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rasterizing a 20,480-triangle icosphere (subdivision 5, close to a face model's ~18k triangles) filling
 * most of a square image, and the full SH-shaded render on top of it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RasterizerBenchmark {
    @Param({"512", "1024"})
    public int size;

    private Mesh mesh;
    private Camera camera;
    private Rasterizer rasterizer;
    private VisibilityBuffer buffer;
    private Renderer renderer;
    private float[] albedo;
    private SphericalHarmonicsLighting lighting;

    @Setup
    public void setup() {
        mesh = Meshes.icosphere(5, 1f);
        camera = new WeakPerspectiveCamera(Pose.weakPerspective(0.2, 0.3, 0.0, size / 2.0, size / 2.0, size * 0.4), size, size);
        rasterizer = Rasterizer.create();
        buffer = new VisibilityBuffer(size, size);
        renderer = Renderer.create();
        albedo = new float[mesh.positions().length];
        java.util.Arrays.fill(albedo, 0.7f);
        lighting = SphericalHarmonicsLighting.fromDirectional(0.3, 0.4, 1, 0.8, 0.3);
    }

    @Benchmark
    public VisibilityBuffer rasterize() {
        rasterizer.rasterize(mesh, camera, buffer);
        return buffer;
    }

    @Benchmark
    public Rendering renderShaded() {
        return renderer.render(mesh, albedo, lighting, camera);
    }
}
