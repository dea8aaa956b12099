package io.inverseface.core.fit;

import io.inverseface.core.coarse.CoarseStage;
import io.inverseface.core.fit.landmarks.LandmarkEnergy;
import io.inverseface.core.fit.photometric.PhotoConsistencyEnergy;
import io.inverseface.core.fit.photometric.SkinColourModel;
import io.inverseface.core.fit.prior.PriorEnergy;

/**
 * The schedule of the coarse stage: how many modes, rounds, iterations, pyramid levels and samples, and
 * the camera. The energies and their weights are not here: each {@link FaceEnergy} owns its weights
 * ({@link LandmarkEnergy}, {@link PhotoConsistencyEnergy}, {@link PriorEnergy}; the defaults are
 * {@link CoarseStage#defaultEnergies()}).
 *
 * @param identityModes          leading identity modes fitted (≤ the model's)
 * @param albedoModes            leading albedo modes fitted (≤ the model's)
 * @param landmarkRounds         landmark-only solves, the jaw contour re-assigned between them
 * @param landmarkIterations     solver iterations per landmark round
 * @param appearanceIterations   solver iterations for lighting and albedo
 * @param pyramidLevels          photometric pyramid levels, fitted coarse to fine
 * @param photometricRounds      solves per level (visibility refreshed between them)
 * @param photometricIterations  solver iterations per photometric round
 * @param maxSamples             most sample vertices compared with the image per round
 * @param finestLevelEyeDistance the finest level used is the smallest image in which the eyes are at
 *                               least this many pixels apart (finer levels add cost, not information,
 *                               at the model's vertex density)
 * @param cameraDistance         assumed distance in millimetres from the camera to the face when the photo's
 *                               focal length is not known: the fit is a pinhole at that distance
 *                               ({@link Projection}); {@code +∞} for the weak-perspective camera
 * @param skinMask               tell the face's skin from what covers it ({@link SkinColourModel}): the
 *                               photometric energy weighs each sample by how likely it shows skin, and the
 *                               detail stage and the overlay leave the rest alone. A decision about the
 *                               photo, shared by several stages, so it lives here and not in one energy
 * @param sampleShift            which of the equally even subsets of visible vertices the photometric term
 *                               samples ({@code VisibleSamples#spread}; 0 = the default)
 */
public record CoarseOptions(int identityModes, int albedoModes, int landmarkRounds, int landmarkIterations,
                            int appearanceIterations, int pyramidLevels, int photometricRounds, int photometricIterations,
                            int maxSamples, double finestLevelEyeDistance, double cameraDistance, boolean skinMask,
                            int sampleShift) {

    public CoarseOptions {
        check(identityModes >= 1, "identityModes must be >= 1");
        check(albedoModes >= 1, "albedoModes must be >= 1");
        check(landmarkRounds >= 1 && landmarkIterations >= 1, "landmark rounds and iterations must be >= 1");
        check(appearanceIterations >= 0 && photometricRounds >= 0 && photometricIterations >= 0,
                "photometric rounds and iterations must be >= 0");
        check(pyramidLevels >= 1, "pyramidLevels must be >= 1");
        check(maxSamples >= 50, "maxSamples must be >= 50");
        check(finestLevelEyeDistance > 0, "finestLevelEyeDistance must be > 0");
        check(cameraDistance > 0, "cameraDistance must be > 0 (+infinity for weak perspective)");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public static CoarseOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.identityModes = identityModes;
        b.albedoModes = albedoModes;
        b.landmarkRounds = landmarkRounds;
        b.landmarkIterations = landmarkIterations;
        b.appearanceIterations = appearanceIterations;
        b.pyramidLevels = pyramidLevels;
        b.photometricRounds = photometricRounds;
        b.photometricIterations = photometricIterations;
        b.maxSamples = maxSamples;
        b.finestLevelEyeDistance = finestLevelEyeDistance;
        b.cameraDistance = cameraDistance;
        b.skinMask = skinMask;
        b.sampleShift = sampleShift;
        return b;
    }

    /** Fluent builder with the documented defaults. */
    public static final class Builder {
        private int identityModes = 80;
        private int albedoModes = 60;
        private int landmarkRounds = 3;
        private int landmarkIterations = 15;
        private int appearanceIterations = 5;
        private int pyramidLevels = 2;
        private int photometricRounds = 2;
        private int photometricIterations = 5;
        private int maxSamples = 1000;
        private double finestLevelEyeDistance = 60;
        private double cameraDistance = Double.POSITIVE_INFINITY;
        private boolean skinMask = true;
        private int sampleShift = 0;

        private Builder() {
        }

        public Builder identityModes(int v) { identityModes = v; return this; }
        public Builder albedoModes(int v) { albedoModes = v; return this; }
        public Builder landmarkRounds(int v) { landmarkRounds = v; return this; }
        public Builder landmarkIterations(int v) { landmarkIterations = v; return this; }
        public Builder appearanceIterations(int v) { appearanceIterations = v; return this; }
        public Builder pyramidLevels(int v) { pyramidLevels = v; return this; }
        public Builder photometricRounds(int v) { photometricRounds = v; return this; }
        public Builder photometricIterations(int v) { photometricIterations = v; return this; }
        public Builder maxSamples(int v) { maxSamples = v; return this; }
        public Builder finestLevelEyeDistance(double v) { finestLevelEyeDistance = v; return this; }
        public Builder cameraDistance(double v) { cameraDistance = v; return this; }
        public Builder skinMask(boolean v) { skinMask = v; return this; }
        /**
         * Which of the equally even sample subsets to use (0 = the default): a benchmark averages over several
         * to measure below the spread one subset alone causes ({@code VisibleSamples#spread}).
         */
        public Builder sampleShift(int v) { sampleShift = v; return this; }

        public CoarseOptions build() {
            return new CoarseOptions(identityModes, albedoModes, landmarkRounds, landmarkIterations, appearanceIterations,
                    pyramidLevels, photometricRounds, photometricIterations, maxSamples, finestLevelEyeDistance,
                    cameraDistance, skinMask, sampleShift);
        }
    }
}
