package io.inverseface.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RasterizerTest {
    private static final Rasterizer NO_CULL = Rasterizer.builder().cullBackFaces(false).tileSize(8).build();

    /** Per-pixel count of how many triangles cover each pixel, each triangle rasterized on its own. */
    private static int[] coverageCounts(float[] screen, int[] tri, int w, int h) {
        int[] counts = new int[w * h];
        VisibilityBuffer vis = new VisibilityBuffer(w, h);
        for (int t = 0; t < tri.length / 3; t++) {
            int[] one = {tri[3 * t], tri[3 * t + 1], tri[3 * t + 2]};
            NO_CULL.rasterize(screen, one, false, Double.NEGATIVE_INFINITY, vis);
            int[] ids = vis.triangleId();
            for (int i = 0; i < ids.length; i++) if (ids[i] != VisibilityBuffer.EMPTY) counts[i]++;
        }
        return counts;
    }

    @Test
    void gridWithEdgesThroughPixelCentresIsCoveredExactlyOnce() {
        // 6×6 cells of 4 px whose vertices sit exactly on pixel centres: many centres lie on shared edges.
        int n = 6, w = 32, h = 32;
        float[] screen = new float[3 * (n + 1) * (n + 1)];
        for (int j = 0; j <= n; j++) for (int i = 0; i <= n; i++) {
            int k = 3 * (j * (n + 1) + i);
            screen[k] = 4.5f + 4 * i; screen[k + 1] = 4.5f + 4 * j; screen[k + 2] = 1f;
        }
        int[] tri = Meshes.grid(n, n, 0, 0, 1).triangles();
        int[] counts = coverageCounts(screen, tri, w, h);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            boolean strictlyInside = x > 4 && x < 28 && y > 4 && y < 28;
            int c = counts[y * w + x];
            assertThat(c).as("pixel %d,%d", x, y).isLessThanOrEqualTo(1);
            if (strictlyInside) assertThat(c).as("pixel %d,%d", x, y).isEqualTo(1);
            if (x < 4 || x > 28 || y < 4 || y > 28) assertThat(c).isZero();
        }
    }

    @Test
    void fanAroundVertexAtPixelCentreIsCoveredExactlyOnce() {
        int spokes = 13, w = 40, h = 40;
        double cx = 20.5, cy = 20.5, radius = 15.3;
        float[] screen = new float[3 * (spokes + 1)];
        screen[0] = (float) cx; screen[1] = (float) cy; screen[2] = 1;
        for (int k = 0; k < spokes; k++) {
            double a = 2 * Math.PI * k / spokes + 0.1;
            screen[3 * (k + 1)] = (float) (cx + radius * Math.cos(a));
            screen[3 * (k + 1) + 1] = (float) (cy + radius * Math.sin(a));
            screen[3 * (k + 1) + 2] = 1;
        }
        int[] tri = new int[3 * spokes];
        for (int k = 0; k < spokes; k++) {
            tri[3 * k] = 0; tri[3 * k + 1] = 1 + k; tri[3 * k + 2] = 1 + (k + 1) % spokes;
        }
        int[] counts = coverageCounts(screen, tri, w, h);
        double inner = radius * Math.cos(Math.PI / spokes) - 0.01;
        int covered = 0;
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            double dx = x + 0.5 - cx, dy = y + 0.5 - cy, r = Math.hypot(dx, dy);
            int c = counts[y * w + x];
            assertThat(c).isLessThanOrEqualTo(1);
            if (r < inner) assertThat(c).as("pixel %d,%d", x, y).isEqualTo(1);
            if (r > radius) assertThat(c).isZero();
            covered += c;
        }
        assertThat(counts[20 * w + 20]).isEqualTo(1); // the shared vertex's own pixel
        assertThat(covered).isGreaterThan(600);
    }

    @Test
    void jitteredTriangulationIsWatertight() {
        Random rnd = new Random(7);
        int n = 10, w = 64, h = 64;
        float[] screen = new float[3 * (n + 1) * (n + 1)];
        for (int j = 0; j <= n; j++) for (int i = 0; i <= n; i++) {
            int k = 3 * (j * (n + 1) + i);
            boolean border = i == 0 || j == 0 || i == n || j == n;
            // Interior vertices jittered, some snapped onto pixel centres or half-pixel positions.
            float jx = border ? 0 : (float) (rnd.nextDouble() * 2 - 1), jy = border ? 0 : (float) (rnd.nextDouble() * 2 - 1);
            if (!border && rnd.nextInt(3) == 0) { jx = Math.round(jx * 2) / 2f; jy = Math.round(jy * 2) / 2f; }
            screen[k] = 8 + 5 * i + jx; screen[k + 1] = 8 + 5 * j + jy; screen[k + 2] = 1;
        }
        int[] tri = Meshes.grid(n, n, 0, 0, 1).triangles();
        int[] counts = coverageCounts(screen, tri, w, h);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            int c = counts[y * w + x];
            assertThat(c).isLessThanOrEqualTo(1);
            if (x + 0.5 > 8 && x + 0.5 < 58 && y + 0.5 > 8 && y + 0.5 < 58) assertThat(c).as("pixel %d,%d", x, y).isEqualTo(1);
        }
    }

    @Test
    void nearerTriangleWinsRegardlessOfOrder() {
        int w = 20, h = 20;
        float[] screen = {2, 2, 5, 18, 2, 5, 2, 18, 5, /* far */ 1, 1, 9, 19, 1, 9, 1, 19, 9};
        VisibilityBuffer vis = new VisibilityBuffer(w, h);
        NO_CULL.rasterize(screen, new int[] {0, 1, 2, 3, 4, 5}, false, Double.NEGATIVE_INFINITY, vis);
        assertThat(vis.triangleId()[5 * w + 5]).isEqualTo(0);
        assertThat(vis.depth()[5 * w + 5]).isEqualTo(5f);
        NO_CULL.rasterize(screen, new int[] {3, 4, 5, 0, 1, 2}, false, Double.NEGATIVE_INFINITY, vis);
        assertThat(vis.triangleId()[5 * w + 5]).isEqualTo(1);
        assertThat(vis.triangleId()[1 * w + 1]).isEqualTo(0); // only the far one reaches here
    }

    @Test
    void intersectingTrianglesSplitAtTheIntersectionLine() {
        int w = 40, h = 40;
        // Triangle 0 at constant depth 5; triangle 1's depth goes from 0 at x=0 to 10 at x=40 → crosses at x=20.
        float[] screen = {0, 0, 5, 40, 0, 5, 0, 40, 5, 0, -40, 0, 40, 40, 10, 0, 80, 0};
        // Fix triangle 1 depth to be linear in x only: vertices at x=0 have depth 0, x=40 depth 10.
        VisibilityBuffer vis = new VisibilityBuffer(w, h);
        NO_CULL.rasterize(screen, new int[] {0, 1, 2, 3, 4, 5}, false, Double.NEGATIVE_INFINITY, vis);
        for (int y = 0; y < 10; y++) for (int x = 0; x < 30 - y; x++) {
            double px = x + 0.5;
            int expected = px * 10 / 40 < 5 ? 1 : 0;
            assertThat(vis.triangleId()[y * w + x]).as("pixel %d,%d", x, y).isEqualTo(expected);
            assertThat((double) vis.depth()[y * w + x]).isCloseTo(Math.min(5, px * 10 / 40), within(1e-4));
        }
    }

    @Test
    void barycentricsInterpolateVertexAttributes() {
        float[] screen = {3.2f, 4.1f, 2f, 27.9f, 6.3f, 4f, 10.7f, 25.5f, 8f};
        VisibilityBuffer vis = new VisibilityBuffer(32, 32);
        NO_CULL.rasterize(screen, new int[] {0, 1, 2}, false, Double.NEGATIVE_INFINITY, vis);
        int covered = 0;
        for (int i = 0; i < 32 * 32; i++) {
            if (vis.triangleId()[i] == VisibilityBuffer.EMPTY) continue;
            covered++;
            double b0 = vis.bary0()[i], b1 = vis.bary1()[i], b2 = 1 - b0 - b1;
            assertThat(b0).isBetween(-1e-6, 1 + 1e-6);
            assertThat(b1).isBetween(-1e-6, 1 + 1e-6);
            assertThat(b2).isBetween(-1e-6, 1 + 1e-6);
            assertThat(b0 * screen[0] + b1 * screen[3] + b2 * screen[6]).isCloseTo(i % 32 + 0.5, within(2.5e-3));
            assertThat(b0 * screen[1] + b1 * screen[4] + b2 * screen[7]).isCloseTo(i / 32 + 0.5, within(2.5e-3));
        }
        // Area ≈ 0.5·|det| ≈ 228 px.
        assertThat(covered).isBetween(200, 260);
    }

    @Test
    void perspectiveBarycentricsReconstructTheSurfacePoint() {
        // A tilted quad seen by a pinhole camera: each pixel's barycentric point on the triangle, projected,
        // must land on that pixel's centre, and its depth must be the rasterized depth.
        float[] pos = {-1, -1, 0, 1, -1, -1.5f, 1, 1, -1.5f, -1, 1, 0};
        Mesh mesh = new Mesh(pos, new int[] {0, 1, 2, 0, 2, 3});
        PinholeCamera cam = new PinholeCamera(new Pose(0.1, 0.3, 0, 0, 0, -4, 1), 80, 64, 64);
        VisibilityBuffer vis = new VisibilityBuffer(64, 64);
        Rasterizer.create().rasterize(mesh, cam, vis);
        assertThat(vis.coveredCount()).isGreaterThan(500);
        float[] s = new float[3];
        for (int i = 0; i < 64 * 64; i++) {
            int t = vis.triangleId()[i];
            if (t == VisibilityBuffer.EMPTY) continue;
            int[] tr = mesh.triangles();
            double b0 = vis.bary0()[i], b1 = vis.bary1()[i], b2 = 1 - b0 - b1;
            double[] p = new double[3];
            for (int k = 0; k < 3; k++) p[k] = b0 * pos[3 * tr[3 * t] + k] + b1 * pos[3 * tr[3 * t + 1] + k] + b2 * pos[3 * tr[3 * t + 2] + k];
            cam.project(p[0], p[1], p[2], s, 0);
            assertThat((double) s[0]).isCloseTo(i % 64 + 0.5, within(4e-3));
            assertThat((double) s[1]).isCloseTo(i / 64 + 0.5, within(4e-3));
            assertThat(s[2]).isCloseTo(vis.depth()[i], within(1e-4f));
        }
    }

    @Test
    void backFacesAreCulledWhenConfigured() {
        // Counter-clockwise in the world (front) and its mirror (back), identity weak-perspective pose.
        Camera cam = new WeakPerspectiveCamera(Pose.weakPerspective(0, 0, 0, 16, 16, 10), 32, 32);
        Mesh front = new Mesh(new float[] {-1, -1, 0, 1, -1, 0, 0, 1, 0}, new int[] {0, 1, 2});
        Mesh back = new Mesh(front.positions().clone(), new int[] {0, 2, 1});
        VisibilityBuffer vis = new VisibilityBuffer(32, 32);
        Rasterizer culling = Rasterizer.create();
        culling.rasterize(front, cam, vis);
        int frontCount = vis.coveredCount();
        assertThat(frontCount).isGreaterThan(150);
        culling.rasterize(back, cam, vis);
        assertThat(vis.coveredCount()).isZero();
        Rasterizer.builder().cullBackFaces(false).build().rasterize(back, cam, vis);
        assertThat(vis.coveredCount()).isEqualTo(frontCount);
        // Barycentrics refer to the mesh's own vertex order even when the triangle was reordered internally.
        int centre = 16 * 32 + 16;
        assertThat(vis.triangleId()[centre]).isZero();
        VisibilityBuffer frontVis = new VisibilityBuffer(32, 32);
        culling.rasterize(front, cam, frontVis);
        assertThat(vis.bary0()[centre]).isCloseTo(frontVis.bary0()[centre], within(1e-6f));
        float b2back = 1 - vis.bary0()[centre] - vis.bary1()[centre];
        assertThat(vis.bary1()[centre]).isCloseTo(1 - frontVis.bary0()[centre] - frontVis.bary1()[centre], within(1e-6f));
        assertThat(b2back).isCloseTo(frontVis.bary1()[centre], within(1e-6f));
    }

    @Test
    void offScreenAndDegenerateGeometryIsClippedSafely() {
        int w = 16, h = 12;
        float nan = Float.NaN;
        float[] screen = {
            -100, -100, 1, -50, -100, 1, -100, -50, 1,      // fully off-screen
            -1e5f, -1e5f, 1, 1e5f, -1e5f, 1, 0, 1e5f, 1,    // huge, covers everything
            1e9f, 0, 1, 0, 1e9f, 1, 0, 0, 1,                // beyond the guard band: dropped
            nan, 0, 1, 5, 5, 1, 0, 5, 1,                    // NaN: dropped
            3, 3, 1, 3, 3, 1, 3, 3, 1,                      // degenerate
            -5, 5, 0.5f, 30, 6, 0.5f, 8, 40, 0.5f};         // partially visible, nearer
        int[] tri = new int[18];
        for (int i = 0; i < 18; i++) tri[i] = i;
        VisibilityBuffer vis = new VisibilityBuffer(w, h);
        assertThatCode(() -> NO_CULL.rasterize(screen, tri, false, Double.NEGATIVE_INFINITY, vis)).doesNotThrowAnyException();
        for (int id : vis.triangleId()) assertThat(id).isIn(1, 5);
        assertThat(vis.coveredCount()).isEqualTo(w * h);
        assertThat(vis.triangleId()).contains(5);
    }

    @Test
    void trianglesBehindThePinholeNearPlaneAreDropped() {
        PinholeCamera cam = new PinholeCamera(new Pose(0, 0, 0, 0, 0, -1, 1), 20, 32, 32);
        // One triangle straddling the camera plane, one entirely behind it, one in front.
        float[] pos = {-1, -1, 2, 1, -1, 0, 0, 1, 0, -1, -1, 3, 1, -1, 3, 0, 1, 3, -1, -1, -1, 1, -1, -1, 0, 1, -1};
        Mesh mesh = new Mesh(pos, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8});
        VisibilityBuffer vis = new VisibilityBuffer(32, 32);
        Rasterizer.builder().cullBackFaces(false).build().rasterize(mesh, cam, vis);
        for (int id : vis.triangleId()) assertThat(id).isIn(VisibilityBuffer.EMPTY, 2);
        assertThat(vis.coveredCount()).isGreaterThan(50);
    }

    @Test
    void parallelAndSequentialAgree() {
        Mesh sphere = Meshes.icosphere(3, 1f);
        Camera cam = new WeakPerspectiveCamera(Pose.weakPerspective(0.3, 0.5, 0.1, 50, 45, 30), 100, 90);
        VisibilityBuffer a = new VisibilityBuffer(100, 90), b = new VisibilityBuffer(100, 90);
        Rasterizer.builder().parallel(true).tileSize(16).build().rasterize(sphere, cam, a);
        Rasterizer.builder().parallel(false).tileSize(64).build().rasterize(sphere, cam, b);
        assertThat(a.triangleId()).isEqualTo(b.triangleId());
        assertThat(a.bary0()).isEqualTo(b.bary0());
        assertThat(a.depth()).isEqualTo(b.depth());
    }

    @Test
    void rejectsMismatchedBuffer() {
        Camera cam = new WeakPerspectiveCamera(Pose.identity(), 10, 10);
        assertThatThrownBy(() -> Rasterizer.create().rasterize(Meshes.icosphere(0, 1), cam, new VisibilityBuffer(10, 11)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> Rasterizer.create().rasterize(new float[6], new int[] {0, 1, 2}, false, 0, new VisibilityBuffer(4, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> Rasterizer.builder().tileSize(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneRasterizerSharedByThreadsGivesTheSequentialResult() throws Exception {
        Rasterizer shared = Rasterizer.create();
        Mesh[] meshes = {Meshes.icosphere(3, 1f), Meshes.icosphere(4, 1f), Meshes.grid(40, 30, -1f, -1f, 0.05f)};
        Camera camera = new WeakPerspectiveCamera(Pose.weakPerspective(0.2, 0.3, 0.1, 64, 64, 50), 128, 128);
        int[][] expected = new int[meshes.length][];
        for (int i = 0; i < meshes.length; i++) {
            VisibilityBuffer vb = new VisibilityBuffer(128, 128);
            Rasterizer.create().rasterize(meshes[i], camera, vb);
            expected[i] = vb.triangleId().clone();
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int job = 0; job < 24; job++) {
                int i = job % meshes.length;
                results.add(pool.submit(() -> {
                    VisibilityBuffer vb = new VisibilityBuffer(128, 128);
                    shared.rasterize(meshes[i], camera, vb);
                    return java.util.Arrays.equals(vb.triangleId(), expected[i]);
                }));
            }
            for (java.util.concurrent.Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
