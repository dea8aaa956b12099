package io.inverseface.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RendererTest {
    private static final double[] LIGHT = {
        0.8, 0.1, 0.3, -0.2, 0.05, -0.04, 0.1, 0.02, -0.06,
        0.6, -0.1, 0.25, 0.1, -0.03, 0.06, -0.05, 0.04, 0.02,
        0.7, 0.2, 0.2, 0.0, 0.02, 0.01, 0.08, -0.03, 0.05};

    @Test
    void renderedSphereMatchesAnalyticIrradiance() {
        Mesh sphere = Meshes.icosphere(5, 1f);
        int size = 200;
        double scale = 80, c = size / 2.0;
        Camera cam = new WeakPerspectiveCamera(Pose.weakPerspective(0, 0, 0, c, c, scale), size, size);
        float[] albedo = new float[sphere.positions().length];
        for (int i = 0; i < albedo.length; i += 3) { albedo[i] = 0.9f; albedo[i + 1] = 0.7f; albedo[i + 2] = 0.5f; }
        SphericalHarmonicsLighting light = new SphericalHarmonicsLighting(LIGHT);
        Rendering out = Renderer.create().withBackground(0.1f, 0.2f, 0.3f).render(sphere, albedo, light, cam);
        RgbImage img = out.color();
        double maxErr = 0;
        int compared = 0;
        for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) {
            double nx = (x + 0.5 - c) / scale, ny = (c - (y + 0.5)) / scale, r2 = nx * nx + ny * ny;
            int i = y * size + x;
            if (r2 > 1.02 * 1.02) {
                assertThat(out.visibility().triangleId()[i]).isEqualTo(VisibilityBuffer.EMPTY);
                assertThat(img.r()[i]).isEqualTo(0.1f);
                assertThat(img.b()[i]).isEqualTo(0.3f);
                continue;
            }
            if (r2 > 0.95 * 0.95) continue; // silhouette: the polyhedron differs most from the sphere here
            assertThat(out.visibility().triangleId()[i]).isNotEqualTo(VisibilityBuffer.EMPTY);
            double nz = Math.sqrt(1 - r2);
            double[] expected = {0.9 * light.irradiance(nx, ny, nz, 0), 0.7 * light.irradiance(nx, ny, nz, 1), 0.5 * light.irradiance(nx, ny, nz, 2)};
            for (int ch = 0; ch < 3; ch++) {
                maxErr = Math.max(maxErr, Math.abs(img.channel(ch)[i] - expected[ch]));
            }
            // Normal image encodes the interpolated normal.
            assertThat((double) out.normals().b()[i]).isCloseTo(0.5 * (nz + 1), within(0.01));
            compared++;
        }
        assertThat(compared).isGreaterThan(15000);
        assertThat(maxErr).isLessThan(0.01);
    }

    @Test
    void lightingIsAppliedInTheViewFrame() {
        // Rotating the sphere must not change its shading (lighting fixed to the camera).
        Mesh sphere = Meshes.icosphere(4, 1f);
        SphericalHarmonicsLighting light = new SphericalHarmonicsLighting(LIGHT);
        Renderer r = Renderer.create();
        RgbImage a = r.renderShaded(sphere, light, new WeakPerspectiveCamera(Pose.weakPerspective(0, 0, 0, 32, 32, 28), 64, 64)).color();
        RgbImage b = r.renderShaded(sphere, light, new WeakPerspectiveCamera(Pose.weakPerspective(0.7, -0.4, 1.0, 32, 32, 28), 64, 64)).color();
        int i = 32 * 64 + 40;
        assertThat(b.r()[i]).isCloseTo(a.r()[i], within(0.02f));
        assertThat(a.r()[i]).isGreaterThan(0.1f);
    }

    @Test
    void rejectsWrongAlbedoLength() {
        Mesh sphere = Meshes.icosphere(1, 1f);
        Camera cam = new WeakPerspectiveCamera(Pose.identity(), 8, 8);
        assertThatThrownBy(() -> Renderer.create().render(sphere, new float[3], SphericalHarmonicsLighting.ambient(1), cam))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("albedo");
    }

    @Test
    void icosphereIsClosedAndOutwardFacing() {
        Mesh m = Meshes.icosphere(2, 2f);
        assertThat(m.triangleCount()).isEqualTo(320);
        assertThat(m.vertexCount()).isEqualTo(162);
        float[] n = m.vertexNormals();
        float[] p = m.positions();
        for (int i = 0; i < p.length; i += 3) {
            assertThat(n[i] * p[i] + n[i + 1] * p[i + 1] + n[i + 2] * p[i + 2]).isCloseTo(2f, within(0.01f));
        }
    }
}
