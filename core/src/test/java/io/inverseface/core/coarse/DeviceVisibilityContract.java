package io.inverseface.core.coarse;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.core.FaceParameters;
import io.inverseface.core.fit.PoseBlock;
import io.inverseface.core.fit.VertexMajorBases;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.model.FaceRegion;
import io.inverseface.core.synth.SyntheticFaceGenerator;
import io.inverseface.optim.backend.DeviceTestBase;
import io.inverseface.render.Rasterizer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The device's visible-sample selection against the CPU's ({@link VisibleSamples#select}) on synthetic
 * faces at several poses and two pyramid scales: the same vertices up to those whose depth or facing test
 * sits within rounding of its threshold (at least {@value #MIN_OVERLAP} of the union in common; on PoCL
 * the sets are identical for all eight cases).
 */
abstract class DeviceVisibilityContract extends DeviceTestBase {

    static final double MIN_OVERLAP = 0.995;

    @Test
    void selectsTheSameVerticesAsTheCpu() {
        FaceModel model = FaceModels.ictLight();
        VertexMajorBases bases = VertexMajorBases.of(model, 80, 60);
        int[] triangles = model.triangles();
        int[] region = model.regionVertices(FaceRegion.NARROW);
        Rasterizer rasterizer = Rasterizer.builder().parallel(false).build();
        SyntheticFaceGenerator generator = SyntheticFaceGenerator.builder().model(model).seed(42).build();
        try (DeviceVisibleSamples device = new DeviceVisibleSamples(backend.compute(), bases, triangles, region)) {
            for (int f = 0; f < 4; f++) {
                FaceParameters truth = generator.face(f).truth();
                double[] pose = PoseBlock.of(truth.pose());
                double[] identity = Arrays.copyOf(truth.identity(), bases.identityCount());
                float[] positions = new float[3 * model.vertexCount()];
                model.instance(identity, truth.expression(), positions);
                float[] normals = model.vertexNormals(positions);
                for (double scale : new double[] {1.0, 0.5}) {
                    int size = (int) Math.round(512 * scale);
                    int[] cpu = VisibleSamples.select(positions, normals, triangles, region, pose, size, size, scale,
                            Integer.MAX_VALUE, rasterizer);
                    int[] gpu = device.select(identity, truth.expression(), pose, size, size, scale, Integer.MAX_VALUE);
                    Set<Integer> a = new HashSet<>(), b = new HashSet<>();
                    Arrays.stream(cpu).forEach(a::add);
                    Arrays.stream(gpu).forEach(b::add);
                    Set<Integer> union = new HashSet<>(a);
                    union.addAll(b);
                    Set<Integer> common = new HashSet<>(a);
                    common.retainAll(b);
                    assertThat(cpu.length).as("face %d, scale %.1f: CPU selects vertices", f, scale).isGreaterThan(1000);
                    assertThat((double) common.size() / union.size())
                            .as("face %d, scale %.1f: %d CPU, %d device, %d common", f, scale, a.size(), b.size(),
                                    common.size())
                            .isGreaterThanOrEqualTo(MIN_OVERLAP);
                    // The subsampled sets: the same stride over (almost) the same list.
                    int[] cpu1000 = VisibleSamples.spread(cpu, cpu.length, 1000);
                    int[] gpu1000 = device.select(identity, truth.expression(), pose, size, size, scale, 1000);
                    Set<Integer> c1 = new HashSet<>(), g1 = new HashSet<>();
                    Arrays.stream(cpu1000).forEach(c1::add);
                    Arrays.stream(gpu1000).forEach(g1::add);
                    g1.retainAll(c1);
                    assertThat(gpu1000.length).isEqualTo(cpu1000.length);
                    assertThat((double) g1.size() / cpu1000.length).as("subsampled: common share")
                            .isGreaterThanOrEqualTo(0.99);
                }
            }
        }
    }
}
