package io.inverseface.core;

import io.inverseface.core.detail.DetailResult;
import io.inverseface.core.io.Landmarks;
import io.inverseface.core.model.FaceModel;
import io.inverseface.render.Camera;
import io.inverseface.render.Mesh;
import io.inverseface.render.RgbImage;

/**
 * The result of {@link FaceReconstructor#reconstruct}: the fitted parameters, the face mesh in model
 * millimetres, its per-vertex albedo (RGB in [0, 1]), the camera that projects it onto the input
 * photo, the input and fitted landmarks, the skin mask and the summary; and the photo and the model it
 * was fitted with, so that the outputs ({@code core.output}) need nothing else.
 *
 * <p>Arrays and the mask are copied on the way out, so a reconstruction can be shared freely. The photo is
 * not: it is the caller's (a megapixel buffer is not duplicated), and nothing here writes to it.
 *
 * @param parameters       identity, expression, albedo, pose and lighting
 * @param mesh             the fitted shape (model space, millimetres; the camera maps it to pixels)
 * @param albedo           RGB per vertex
 * @param camera           the fit's camera at the input's resolution (weak perspective, or a pinhole when the
 *                         focal length was given or a camera distance assumed)
 * @param landmarks        the landmarks the fit used
 * @param fittedLandmarks  the model's 68 landmark vertices projected, interleaved x, y (pixels)
 * @param summary          stages, energies, iterations, times
 * @param detail           the detail stage's result (subdivided face region with displacements and refined
 *                         albedo), or null when the detail stage was switched off
 * @param skinMask         per pixel of the photo, the probability that it shows the face's skin where the
 *                         fitted face covers it, 0 elsewhere ({@link io.inverseface.core.coarse.SkinMask});
 *                         the same value in all three channels
 * @param quality          whether the fit found a face where the landmarks said ({@link FitQuality})
 * @param photo            the photo it was fitted to (the camera's size), shared: treat it as read-only
 * @param model            the model it was fitted with (expression names, UVs, the face region)
 */
public record Reconstruction(FaceParameters parameters, Mesh mesh, float[] albedo, Camera camera, Landmarks landmarks,
                             double[] fittedLandmarks, ReconstructionSummary summary, DetailResult detail,
                             RgbImage skinMask, FitQuality quality, RgbImage photo, FaceModel model) {

    public Reconstruction {
        albedo = albedo.clone();
        fittedLandmarks = fittedLandmarks.clone();
        skinMask = skinMask.copy();
        if (photo.width() != camera.width() || photo.height() != camera.height()) {
            throw new IllegalArgumentException("photo is " + photo.width() + "x" + photo.height()
                    + " but the camera is " + camera.width() + "x" + camera.height());
        }
        java.util.Objects.requireNonNull(model, "model");
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
