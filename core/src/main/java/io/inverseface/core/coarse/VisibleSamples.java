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
 * than {@code maxSamples} qualify, an even stride keeps them spread over the face.
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
        return spread(chosen, count, maxSamples);
    }

    /** The first {@code count} of {@code chosen}, or {@code maxSamples} of them at an even stride. */
    public static int[] spread(int[] chosen, int count, int maxSamples) {
        if (count <= maxSamples) {
            return java.util.Arrays.copyOf(chosen, count);
        }
        int[] out = new int[maxSamples];
        for (int i = 0; i < maxSamples; i++) {
            out[i] = chosen[(int) ((long) i * count / maxSamples)];
        }
        return out;
    }
}
