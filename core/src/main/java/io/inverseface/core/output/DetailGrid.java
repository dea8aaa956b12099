package io.inverseface.core.output;

import io.inverseface.core.Reconstruction;
import io.inverseface.core.detail.DetailResult;
import io.inverseface.render.Mesh;
import io.inverseface.render.Pose;
import io.inverseface.render.Renderer;
import io.inverseface.render.RgbImage;
import io.inverseface.render.SphericalHarmonicsLighting;
import io.inverseface.render.WeakPerspectiveCamera;

/**
 * {@code detail-grid.png}: rows seen from the front, at +30° and at −30° yaw; columns the photo's face crop
 * (first row only), the coarse surface shaded grey, the detailed surface shaded grey under the same
 * light, and the detailed surface with the refined albedo under the fitted lighting.
 *
 * <p>"Coarse" is the subdivided but undisplaced surface (the detail result's {@code coarseMesh()}), so the
 * two grey columns differ by the displacement only, not by the tessellation. All views share one scale,
 * so the rows compare sizes too; each view is centred on its own bounding box.
 */
final class DetailGrid {

    /** Width and height of one cell, pixels. */
    static final int CELL = 384;
    static final int COLUMNS = 4;
    /** Yaw per row, degrees. */
    static final double[] YAW_DEGREES = {0, 30, -30};

    private DetailGrid() {
    }

    static RgbImage render(RgbImage photo, Reconstruction r, float[] refinedAlbedo, Renderer renderer) {
        DetailResult d = r.detail();
        Mesh fine = d.mesh();
        Mesh coarse = d.coarseMesh();
        float[] bg = DiagnosticImages.FRONT_BACKGROUND;
        Renderer onBackground = renderer.withBackground(bg[0], bg[1], bg[2]);
        SphericalHarmonicsLighting fitted = r.parameters().lighting();
        RgbImage grid = new RgbImage(COLUMNS * CELL, YAW_DEGREES.length * CELL);
        grid.fill(bg[0], bg[1], bg[2]);
        double scale = 0.85 * CELL / frontalExtent(fine.positions());
        for (int row = 0; row < YAW_DEGREES.length; row++) {
            Pose pose = centred(fine.positions(), Math.toRadians(YAW_DEGREES[row]), scale);
            WeakPerspectiveCamera camera = new WeakPerspectiveCamera(pose, CELL, CELL);
            if (row == 0) {
                paste(grid, photoCrop(photo, r, fine), 0, 0);
            }
            paste(grid, clamped(onBackground.renderShaded(coarse, DiagnosticImages.GREY_LIGHT, camera).color()), CELL, row * CELL);
            paste(grid, clamped(onBackground.renderShaded(fine, DiagnosticImages.GREY_LIGHT, camera).color()), 2 * CELL, row * CELL);
            paste(grid, clamped(onBackground.render(fine, refinedAlbedo, fitted, camera).color()), 3 * CELL, row * CELL);
        }
        return grid;
    }

    /** Larger side of the x-y bounding box at zero angles. */
    private static double frontalExtent(float[] p) {
        double[] box = rotatedBox(p, 0);
        double extent = Math.max(box[1] - box[0], box[3] - box[2]);
        return extent > 0 ? extent : 1;
    }

    /** A pose with the given yaw and scale that puts the rotated bounding box's centre in the cell's centre. */
    static Pose centred(float[] p, double yaw, double scale) {
        double[] box = rotatedBox(p, yaw);
        double cx = 0.5 * (box[0] + box[1]), cy = 0.5 * (box[2] + box[3]);
        // Image y points down, model y up: the camera flips it.
        return Pose.weakPerspective(0, yaw, 0, CELL / 2.0 - scale * cx, CELL / 2.0 + scale * cy, scale);
    }

    /** minX, maxX, minY, maxY of the positions rotated by the yaw. */
    private static double[] rotatedBox(float[] p, double yaw) {
        double[] rot = new double[9];
        Pose.rotation(0, yaw, 0, rot);
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i + 2 < p.length; i += 3) {
            double x = rot[0] * p[i] + rot[1] * p[i + 1] + rot[2] * p[i + 2];
            double y = rot[3] * p[i] + rot[4] * p[i + 1] + rot[5] * p[i + 2];
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
        return new double[] {minX, maxX, minY, maxY};
    }

    /** The square of the photo around the projected face region, with the margin the renders have. */
    private static RgbImage photoCrop(RgbImage photo, Reconstruction r, Mesh fine) {
        float[] p = fine.positions();
        float[] s = new float[3];
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i + 2 < p.length; i += 3) {
            r.camera().project(p[i], p[i + 1], p[i + 2], s, 0);
            minX = Math.min(minX, s[0]);
            maxX = Math.max(maxX, s[0]);
            minY = Math.min(minY, s[1]);
            maxY = Math.max(maxY, s[1]);
        }
        double side = Math.max(1, Math.max(maxX - minX, maxY - minY) / 0.85);
        double x0 = 0.5 * (minX + maxX) - side / 2, y0 = 0.5 * (minY + maxY) - side / 2;
        RgbImage out = new RgbImage(CELL, CELL);
        double[] rgb = new double[3];
        double step = side / CELL;
        for (int y = 0; y < CELL; y++) {
            for (int x = 0; x < CELL; x++) {
                photo.sampleBilinear(x0 + (x + 0.5) * step, y0 + (y + 0.5) * step, rgb);
                out.set(x, y, (float) rgb[0], (float) rgb[1], (float) rgb[2]);
            }
        }
        return out;
    }

    private static void paste(RgbImage dst, RgbImage src, int ox, int oy) {
        for (int c = 0; c < 3; c++) {
            float[] d = dst.channel(c), s = src.channel(c);
            for (int y = 0; y < src.height(); y++) {
                System.arraycopy(s, y * src.width(), d, (oy + y) * dst.width() + ox, src.width());
            }
        }
    }

    /** SH shading can exceed 1 where the light is strong. */
    private static RgbImage clamped(RgbImage image) {
        for (int c = 0; c < 3; c++) {
            float[] ch = image.channel(c);
            for (int i = 0; i < ch.length; i++) {
                ch[i] = Math.min(1f, Math.max(0f, ch[i]));
            }
        }
        return image;
    }
}
