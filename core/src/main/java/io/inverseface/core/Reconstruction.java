package io.inverseface.core;

import io.inverseface.core.detail.DetailResult;
import io.inverseface.core.io.Landmarks;
import io.inverseface.render.Camera;
import io.inverseface.render.Mesh;
import io.inverseface.render.RgbImage;

/**
 * The result of {@link FaceReconstructor#reconstruct}: the fitted parameters, the face mesh in model
 * millimetres, its per-vertex albedo (RGB in [0, 1]), the camera that projects it onto the input
 * photo, the input and fitted landmarks, the fit rendered over the photo, and the summary.
 *
 * <p>Arrays and images are copied on the way out, so a reconstruction can be shared freely.
 *
 * @param parameters       identity, expression, albedo, pose and lighting
 * @param mesh             the fitted shape (model space, millimetres; the camera maps it to pixels)
 * @param albedo           RGB per vertex
 * @param camera           the fit's camera at the input's resolution (weak perspective, or a pinhole when the
 *                         focal length was given or a camera distance assumed)
 * @param landmarks        the landmarks the fit used
 * @param fittedLandmarks  the model's 68 landmark vertices projected, interleaved x, y (pixels)
 * @param rendering        the fitted face (albedo × SH shading) composited over the input photo
 * @param summary          stages, energies, iterations, times
 * @param detail           the detail stage's result (subdivided face region with displacements and refined
 *                         albedo), or null when the detail stage was switched off
 * @param skinMask         per pixel of the photo, the probability that it shows the face's skin where the
 *                         fitted face covers it, 0 elsewhere ({@link io.inverseface.core.coarse.SkinMask});
 *                         the same value in all three channels
 * @param quality          whether the fit found a face where the landmarks said ({@link FitQuality})
 */
public record Reconstruction(FaceParameters parameters, Mesh mesh, float[] albedo, Camera camera, Landmarks landmarks,
                             double[] fittedLandmarks, RgbImage rendering, ReconstructionSummary summary,
                             DetailResult detail, RgbImage skinMask, FitQuality quality) {

    public Reconstruction {
        albedo = albedo.clone();
        fittedLandmarks = fittedLandmarks.clone();
        rendering = rendering.copy();
        skinMask = skinMask.copy();
    }

    @Override
    public RgbImage skinMask() {
        return skinMask.copy();
    }

    @Override
    public float[] albedo() {
        return albedo.clone();
    }

    @Override
    public double[] fittedLandmarks() {
        return fittedLandmarks.clone();
    }

    @Override
    public RgbImage rendering() {
        return rendering.copy();
    }

    /** True when the detail stage ran. */
    public boolean hasDetail() {
        return detail != null;
    }

    /** The detailed mesh (face region, displaced), or the coarse mesh when the detail stage did not run. */
    public Mesh detailedMesh() {
        return detail != null ? detail.mesh() : mesh;
    }

    /** Root-mean-square distance between the input and the fitted landmarks, in pixels. */
    public double landmarkRmsPixels() {
        double[] in = landmarks.coordinates();
        double sum = 0;
        for (int i = 0; i < in.length; i++) {
            double d = in[i] - fittedLandmarks[i];
            sum += d * d;
        }
        return Math.sqrt(sum / (in.length / 2));
    }
}
