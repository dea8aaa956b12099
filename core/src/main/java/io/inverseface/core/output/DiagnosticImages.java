package io.inverseface.core.output;

import io.inverseface.core.Reconstruction;
import io.inverseface.render.Camera;
import io.inverseface.render.ImageDrawing;
import io.inverseface.render.Mesh;
import io.inverseface.render.Pose;
import io.inverseface.render.Renderer;
import io.inverseface.render.Rendering;
import io.inverseface.render.RgbImage;
import io.inverseface.render.SphericalHarmonicsLighting;
import io.inverseface.render.WeakPerspectiveCamera;

/**
 * The pictures that let a person judge a fit at a glance. All coordinates follow the library's pixel
 * convention (pixel centres at +0.5), which {@link ImageDrawing} shares, so markers sit exactly on
 * the landmark positions.
 */
final class DiagnosticImages {

    /** Input landmarks: green rings, so that the fitted dot inside stays visible. */
    static final float[] INPUT_COLOUR = {0.15f, 0.95f, 0.25f};
    /** Fitted landmarks: red dots, drawn last. */
    static final float[] FITTED_COLOUR = {1f, 0.15f, 0.15f};
    /** Residual from input to fitted position. */
    static final float[] RESIDUAL_COLOUR = {1f, 0.85f, 0.2f};
    /** Background of the frontal view. */
    static final float[] FRONT_BACKGROUND = {0.12f, 0.12f, 0.14f};
    /** A soft key light from the viewer's upper left: the default one saturates the grey albedo's highlights. */
    static final SphericalHarmonicsLighting GREY_LIGHT = SphericalHarmonicsLighting.fromDirectional(-0.3, 0.4, 1.0, 0.7, 0.25);

    private DiagnosticImages() {
    }

    /** Radius of the input rings: proportional to the face (eye distance), so large photos get large markers. */
    static double ringRadius(Reconstruction r) {
        return Math.max(2.5, r.landmarks().interOcularDistance() / 25.0);
    }

    /**
     * The photo (slightly dimmed so the markers stand out) with each input landmark as a green ring,
     * its fitted position as a red dot and a yellow line between the two.
     */
    static RgbImage landmarks(RgbImage photo, Reconstruction r) {
        RgbImage out = scaled(photo, 0.8f);
        double[] in = r.landmarks().coordinates(), fit = r.fittedLandmarks();
        double ring = ringRadius(r), dot = Math.max(1.0, 0.4 * ring);
        for (int i = 0; i + 1 < in.length; i += 2) {
            drawRing(out, in[i], in[i + 1], ring, INPUT_COLOUR);
        }
        for (int i = 0; i + 1 < in.length; i += 2) {
            ImageDrawing.drawLine(out, in[i], in[i + 1], fit[i], fit[i + 1],
                    RESIDUAL_COLOUR[0], RESIDUAL_COLOUR[1], RESIDUAL_COLOUR[2]);
        }
        for (int i = 0; i + 1 < fit.length; i += 2) {
            ImageDrawing.drawPoint(out, fit[i], fit[i + 1], dot, FITTED_COLOUR[0], FITTED_COLOUR[1], FITTED_COLOUR[2]);
        }
        return out;
    }

    /** A one-pixel circle: pixels whose centre lies within half a pixel of the radius. */
    private static void drawRing(RgbImage img, double x, double y, double radius, float[] rgb) {
        int x0 = (int) Math.floor(x - radius - 1), x1 = (int) Math.ceil(x + radius + 1);
        int y0 = (int) Math.floor(y - radius - 1), y1 = (int) Math.ceil(y + radius + 1);
        for (int py = Math.max(0, y0); py <= Math.min(img.height() - 1, y1); py++) {
            for (int px = Math.max(0, x0); px <= Math.min(img.width() - 1, x1); px++) {
                double d = Math.hypot(px + 0.5 - x, py + 0.5 - y);
                if (Math.abs(d - radius) <= 0.5) {
                    img.set(px, py, rgb[0], rgb[1], rgb[2]);
                }
            }
        }
    }

    /** The grey geometry from the fitted camera over the photo at half brightness. */
    static RgbImage shaded(RgbImage photo, Reconstruction r, Renderer renderer) {
        Rendering shaded = renderer.renderShaded(r.mesh(), GREY_LIGHT, r.camera());
        RgbImage base = scaled(photo, 0.5f);
        return ImageDrawing.blend(base, clamped(shaded.color()), 1f, ImageDrawing.coverageWeights(shaded.visibility()));
    }

    /** The grey geometry seen straight from the front (zero angles), centred in a square of {@code size} pixels. */
    static RgbImage shadedFront(Mesh mesh, int size, Renderer renderer) {
        Camera camera = new WeakPerspectiveCamera(frontalPose(mesh.positions(), size), size, size);
        RgbImage color = renderer.withBackground(FRONT_BACKGROUND[0], FRONT_BACKGROUND[1], FRONT_BACKGROUND[2])
                .renderShaded(mesh, GREY_LIGHT, camera).color();
        return clamped(color);
    }

    /** Zero angles; the mesh's x-y bounding box centred and filling 85 % of the square's larger side. */
    static Pose frontalPose(float[] positions, int size) {
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int v = 0; v < positions.length; v += 3) {
            minX = Math.min(minX, positions[v]);
            maxX = Math.max(maxX, positions[v]);
            minY = Math.min(minY, positions[v + 1]);
            maxY = Math.max(maxY, positions[v + 1]);
        }
        double extent = Math.max(maxX - minX, maxY - minY);
        double scale = extent > 0 ? 0.85 * size / extent : 1.0;
        double cx = 0.5 * (minX + maxX), cy = 0.5 * (minY + maxY);
        // (tx, ty) is where the model origin lands; image y points down, world y up.
        return Pose.weakPerspective(0, 0, 0, size / 2.0 - scale * cx, size / 2.0 + scale * cy, scale);
    }

    private static RgbImage scaled(RgbImage image, float factor) {
        RgbImage out = image.copy();
        for (int c = 0; c < 3; c++) {
            float[] ch = out.channel(c);
            for (int i = 0; i < ch.length; i++) {
                ch[i] *= factor;
            }
        }
        return out;
    }

    /** SH shading can exceed 1 where the light is strong; clamp rather than let blends overshoot. */
    private static RgbImage clamped(RgbImage image) {
        RgbImage out = image.copy();
        for (int c = 0; c < 3; c++) {
            float[] ch = out.channel(c);
            for (int i = 0; i < ch.length; i++) {
                ch[i] = Math.min(1f, Math.max(0f, ch[i]));
            }
        }
        return out;
    }
}
