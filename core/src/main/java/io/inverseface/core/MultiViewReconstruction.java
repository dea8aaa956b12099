package io.inverseface.core;

import java.util.List;

/**
 * One face fitted to several photos of the same person ({@link FaceReconstructor#reconstruct(List, List)}):
 * every view carries the same identity and albedo coefficients, and its own pose, expression, lighting,
 * camera, overlay, mask, quality and (when on) detail.
 *
 * @param views one reconstruction per photo, in the order given
 */
public record MultiViewReconstruction(List<Reconstruction> views) {

    public MultiViewReconstruction {
        views = List.copyOf(views);
        if (views.isEmpty()) {
            throw new IllegalArgumentException("no views");
        }
    }

    /** The shared identity coefficients. */
    public double[] identity() {
        return views.get(0).parameters().identity();
    }

    /** The shared albedo coefficients. */
    public double[] albedoCoefficients() {
        return views.get(0).parameters().albedo();
    }

    /**
     * Each view's landmark RMS error after the joint fit, in eye distances. Photos of different people
     * raise it for the odd one, but on synthetic tests only by 20-35 %, too little to flag reliably; each
     * view's {@link Reconstruction#quality()} is the check that exists.
     */
    public double[] landmarkErrors() {
        return views.stream().mapToDouble(r -> r.quality().landmarkError()).toArray();
    }
}
