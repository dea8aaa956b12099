package io.inverseface.core.coarse;

import io.inverseface.core.fit.PoseBlock;
import io.inverseface.core.fit.Projection;
import io.inverseface.render.Mesh;
import io.inverseface.render.Pose;
import io.inverseface.render.Rasterizer;
import io.inverseface.render.VisibilityBuffer;

/**
 * Chooses the vertices the photo-consistency term compares with the image: vertices of the face
 * region that project inside the image, pass the z-buffer of the whole head (so the nose hides the far
 * cheek) and face the camera (grazing normals shade badly and sample the background). When more
 * than {@code maxSamples} qualify, {@link #spread} keeps a subset spread over the face that a small change
 * of pose changes little.
 */
public final class VisibleSamples {

    /** Depth slack in millimetres: a vertex within this of the z-buffer surface counts as visible. */
    public static final double DEPTH_TOLERANCE_MM = 1.5;
    /** Minimum z of the view-space normal (cos of ≈ 75°). */
    public static final double MIN_FACING = 0.25;

    private VisibleSamples() {
    }

    /**
     * @param positions  current model vertices (xyz per vertex)
     * @param normals    their unit vertex normals
     * @param triangles  the model's triangles
     * @param region     candidate vertices (e.g. the narrow face area)
     * @param pose       the pose block (full-resolution pixels)
     * @param width      level image width
     * @param height     level image height
     * @param levelScale full-resolution → level pixel factor
     */
    public static int[] select(float[] positions, float[] normals, int[] triangles, int[] region, double[] pose,
                               int width, int height, double levelScale, int maxSamples, Rasterizer rasterizer) {
        return select(positions, normals, triangles, region, pose, Projection.weakPerspective(), width, height,
                levelScale, maxSamples, rasterizer);
    }

    /** The same through the fit's {@link Projection} (full-resolution pixels), weak perspective or pinhole. */
    public static int[] select(float[] positions, float[] normals, int[] triangles, int[] region, double[] pose,
                               Projection projection, int width, int height, double levelScale, int maxSamples,
                               Rasterizer rasterizer) {
        return select(positions, normals, triangles, region, pose, projection, width, height, levelScale, maxSamples,
                0, rasterizer);
    }

    /** The same with the subset {@code shift} of {@link #spread}. */
    public static int[] select(float[] positions, float[] normals, int[] triangles, int[] region, double[] pose,
                               Projection projection, int width, int height, double levelScale, int maxSamples,
                               int shift, Rasterizer rasterizer) {
        Pose p = Pose.weakPerspective(pose[PoseBlock.PITCH], pose[PoseBlock.YAW], pose[PoseBlock.ROLL],
                pose[PoseBlock.TX] * levelScale, pose[PoseBlock.TY] * levelScale, pose[PoseBlock.SCALE] * levelScale);
        io.inverseface.render.Camera camera = projection.scaled(levelScale).camera(p, width, height);
        VisibilityBuffer vis = new VisibilityBuffer(width, height);
        rasterizer.rasterize(new Mesh(positions, triangles), camera, vis);
        float[] depth = vis.depth();
        int[] ids = vis.triangleId();
        // Weak perspective keeps depth in pixels, the pinhole in millimetres from the camera.
        double tolerance = DEPTH_TOLERANCE_MM * (projection.isWeakPerspective() ? Math.abs(p.scale()) : 1.0);
        float[] screen = new float[3];
        double[] n = new double[3];
        int[] chosen = new int[region.length];
        int count = 0;
        for (int v : region) {
            camera.project(positions[3 * v], positions[3 * v + 1], positions[3 * v + 2], screen, 0);
            int x = (int) Math.floor(screen[0]), y = (int) Math.floor(screen[1]);
            if (x < 1 || y < 1 || x >= width - 1 || y >= height - 1) {
                continue;
            }
            int idx = y * width + x;
            if (ids[idx] == VisibilityBuffer.EMPTY || screen[2] > depth[idx] + tolerance) {
                continue;
            }
            camera.rotateToView(normals[3 * v], normals[3 * v + 1], normals[3 * v + 2], n);
            if (n[2] < MIN_FACING) {
                continue;
            }
            chosen[count++] = v;
        }
        return spread(chosen, count, maxSamples, shift);
    }

    /**
     * A vertex's fixed key: its index with the bits reversed (van der Corput), so that the smallest keys
     * of any run of indices thin it evenly, as a stride would. A hashed, random key is as stable but leaves
     * random gaps; on the head-scan fits it measured 1.330 mm mean against this key's 1.268 (BENCHMARKS.md).
     */
    static long key(int vertex) {
        return Integer.toUnsignedLong(Integer.reverse(vertex));
    }

    /**
     * The first {@code count} of {@code chosen}, or {@code maxSamples} of them spread over the face, in the
     * order given. Which ones depends on each vertex's own index, not on its place in the list: every
     * vertex has a fixed key, its index with the bits reversed (a van der Corput order, which thins any run
     * of indices evenly), and the {@code maxSamples} smallest keys are kept. A pose that shows a few more
     * or fewer vertices then changes only a few samples; an even stride over the list shifted every sample
     * along it, so that a 0.2 px change of the landmarks moved a fit's pitch by up to 3°.
     */
    public static int[] spread(int[] chosen, int count, int maxSamples) {
        return spread(chosen, count, maxSamples, 0);
    }

    /**
     * As {@link #spread(int[], int, int)} with the keys of {@code vertex ^ shift}: the reversed bits XOR the
     * reversed shift, a digital shift of the same van der Corput order, so every shift is as even and as
     * stable and picks another subset.
     */
    public static int[] spread(int[] chosen, int count, int maxSamples, int shift) {
        if (count <= maxSamples) {
            return java.util.Arrays.copyOf(chosen, count);
        }
        long[] keyed = new long[count];
        for (int i = 0; i < count; i++) {
            // key in the high bits, the list position in the low 24 (count ≤ vertex count < 2^24)
            keyed[i] = (key(chosen[i] ^ shift) << 24) | i;
        }
        java.util.Arrays.sort(keyed);
        int[] position = new int[maxSamples];
        for (int i = 0; i < maxSamples; i++) {
            position[i] = (int) (keyed[i] & 0xFFFFFF);
        }
        java.util.Arrays.sort(position);
        int[] out = new int[maxSamples];
        for (int i = 0; i < maxSamples; i++) {
            out[i] = chosen[position[i]];
        }
        return out;
    }
}
