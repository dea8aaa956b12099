package io.inverseface.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.compute.ComputeDeviceTestBase;
import io.inverseface.compute.DeviceBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link DeviceVisibility} on a scene whose answer is known: a grid seen head-on with a smaller square in
 * front of its centre. The grid's vertices behind the square are hidden, the rest are seen, and turned
 * away the grid's faces are culled so nothing is seen. (Core's contract compares the face model's
 * selection with the host's.) Subclasses open the device or skip by assumption.
 */
abstract class DeviceVisibilityContract extends ComputeDeviceTestBase {

    private static final int GRID = 9;
    private static final double[] FACING = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    /** Half a turn about y: the grid shows its back. */
    private static final double[] TURNED = {-1, 0, 0, 0, 1, 0, 0, 0, -1};

    @Test
    void verticesBehindTheFrontSquareAreHidden() {
        Scene scene = new Scene();
        List<Integer> expected = new ArrayList<>();
        for (int v : scene.candidates) {
            double x = scene.positions[3 * v], y = scene.positions[3 * v + 1];
            if (!(Math.abs(x) < 0.3 && Math.abs(y) < 0.3)) {
                expected.add(v);
            }
        }
        assertThat(expected).hasSize(40);
        assertThat(scene.visible(FACING)).containsExactlyElementsOf(expected);
    }

    @Test
    void backFacesAreCulled() {
        assertThat(new Scene().visible(TURNED)).isEmpty();
    }

    /** The grid (z = 0, [-1, 1]², counter-clockwise towards +z) and the square (z = 0.5, [-0.3, 0.3]²). */
    private final class Scene {
        final float[] positions;
        final int[] triangles;
        final int[] candidates;

        Scene() {
            List<float[]> vertices = new ArrayList<>();
            List<int[]> faces = new ArrayList<>();
            for (int j = 0; j < GRID; j++) {
                for (int i = 0; i < GRID; i++) {
                    vertices.add(new float[] {-1 + 0.25f * i, -1 + 0.25f * j, 0});
                }
            }
            for (int j = 0; j + 1 < GRID; j++) {
                for (int i = 0; i + 1 < GRID; i++) {
                    int a = j * GRID + i;
                    faces.add(new int[] {a, a + 1, a + GRID + 1});
                    faces.add(new int[] {a, a + GRID + 1, a + GRID});
                }
            }
            int s = vertices.size();
            vertices.add(new float[] {-0.3f, -0.3f, 0.5f});
            vertices.add(new float[] {0.3f, -0.3f, 0.5f});
            vertices.add(new float[] {0.3f, 0.3f, 0.5f});
            vertices.add(new float[] {-0.3f, 0.3f, 0.5f});
            faces.add(new int[] {s, s + 1, s + 2});
            faces.add(new int[] {s, s + 2, s + 3});
            positions = new float[3 * vertices.size()];
            for (int v = 0; v < vertices.size(); v++) {
                System.arraycopy(vertices.get(v), 0, positions, 3 * v, 3);
            }
            triangles = faces.stream().flatMapToInt(Arrays::stream).toArray();
            // The grid's inner vertices (its rim lies on the mesh's edge, where pixel centres may miss it).
            List<Integer> inner = new ArrayList<>();
            for (int j = 1; j + 1 < GRID; j++) {
                for (int i = 1; i + 1 < GRID; i++) {
                    inner.add(j * GRID + i);
                }
            }
            candidates = inner.stream().mapToInt(Integer::intValue).toArray();
        }

        List<Integer> visible(double[] rotation) {
            int vertexCount = positions.length / 3;
            try (DeviceVisibility visibility = new DeviceVisibility(device, this, triangles, vertexCount, candidates);
                 DeviceBuffer onDevice = device.allocate(positions.length)) {
                device.write(onDevice, 0, positions, positions.length);
                int[] out = new int[candidates.length];
                int n = visibility.select(onDevice, rotation, 100, 128, 128, 256, 256, 1.5, 0.25, out);
                List<Integer> seen = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    seen.add(out[k]);
                }
                return seen;
            }
        }
    }
}
