package io.inverseface.core.coarse;

/**
 * Settings of the coarse stage. The energy is
 * {@code E = w_con·E_con + w_lan·E_lan + w_id·Σ(α_id/σ)² + w_exp·Σ(α_exp/σ)² + w_alb·Σ(α_alb/σ)²}
 * with {@code E_con} the mean squared RGB error per sample vertex (colours in [0, 1]) and
 * {@code E_lan} the mean squared landmark error in units of the inter-ocular distance.
 *
 * <p>The priors are set as a MAP estimate would set them, from how wrong a landmark is: with N = 68
 * landmarks of independent 2D error σ (in inter-ocular units), {@code w_lan·E_lan} is the negative log
 * likelihood when {@code w_lan = N/σ²}, so a prior {@code Σ(α/σ_α)²} takes {@code w = w_lan·σ²/N}.
 * Landmark error here is the detector's (5–6 % NME on real photos) plus the distance between what an
 * annotator marks and the model vertex standing for it: σ ≈ 0.045 gives {@code w_id = 10·0.045²/68 ≈ 3e-4}.
 * The ARKit-style expression weights (σ_α = 1 in the model) are kept near neutral with σ ≈ 0.3
 * ({@code w_exp ≈ 3e-4/0.3² ≈ 3e-3}); the jaw contour, a silhouette that detectors and annotators place
 * about twice as loosely as inner points, weighs {@code 1/1.8² ≈ 0.3}. Before these were chosen like this
 * (w_id = 1e-5, from in-model renders), fits of renders of a real head scan came out 15–25 % too small
 * and worse than the model's mean face; see BENCHMARKS.md, "Fidelity on a real head scan".
 *
 * @param identityModes          leading identity modes fitted (≤ the model's)
 * @param albedoModes            leading albedo modes fitted (≤ the model's)
 * @param photometricWeight      w_con
 * @param landmarkWeight         w_lan
 * @param jawLandmarkWeight      relative weight of the 17 jaw-contour landmarks (1 = like the inner face)
 * @param identityPriorWeight    w_id in the landmark phase
 * @param photometricIdentityPriorWeight w_id in the photometric phase: stronger, because shading and
 *                               unmodelled hair or shadows pull the shape more than landmarks do
 * @param expressionPriorWeight  w_exp
 * @param albedoPriorWeight      w_alb
 * @param landmarkRounds         landmark-only solves, the jaw contour re-assigned between them
 * @param landmarkIterations     solver iterations per landmark round
 * @param appearanceIterations   solver iterations for lighting and albedo
 * @param pyramidLevels          photometric pyramid levels, fitted coarse to fine
 * @param photometricRounds      solves per level (visibility refreshed between them)
 * @param photometricIterations  solver iterations per photometric round
 * @param photometricRobustThreshold δ of the Huber loss on each sample's RGB error (IRLS weights refreshed
 *                               every round); 0 for plain least squares
 * @param maxSamples             most sample vertices compared with the image per round
 * @param landmarkRobustThreshold δ of the Huber loss on each landmark's error, in inter-ocular units (IRLS
 *                               weights refreshed every round); 0 for plain least squares
 * @param skinMask               weigh each photometric sample by how likely it shows the face's skin
 *                               ({@link SkinColourModel}), so occluders do not pull the shape
 * @param cameraDistance         assumed distance in millimetres from the camera to the face when the photo's
 *                               focal length is not known: the fit is a pinhole at that distance
 *                               ({@link Projection}); {@code +∞} for the weak-perspective camera
 * @param finestLevelEyeDistance the finest level used is the smallest image in which the eyes are at
 *                               least this many pixels apart (finer levels add cost, not information,
 *                               at the model's vertex density)
 */
public record CoarseOptions(int identityModes, int albedoModes, double photometricWeight, double landmarkWeight, double jawLandmarkWeight,
                            double identityPriorWeight, double photometricIdentityPriorWeight, double expressionPriorWeight, double albedoPriorWeight,
                            int landmarkRounds, int landmarkIterations, int appearanceIterations,
                            int pyramidLevels, int photometricRounds, int photometricIterations, double photometricRobustThreshold, int maxSamples,
                            double finestLevelEyeDistance, double cameraDistance, boolean skinMask,
                            double landmarkRobustThreshold) {

    public CoarseOptions {
        check(identityModes >= 1, "identityModes must be >= 1");
        check(albedoModes >= 1, "albedoModes must be >= 1");
        for (double w : new double[] {photometricWeight, landmarkWeight, jawLandmarkWeight, identityPriorWeight, photometricIdentityPriorWeight, expressionPriorWeight,
                albedoPriorWeight}) {
            check(w >= 0 && Double.isFinite(w), "weights must be finite and >= 0");
        }
        check(landmarkRounds >= 1 && landmarkIterations >= 1, "landmark rounds and iterations must be >= 1");
        check(appearanceIterations >= 0 && photometricRounds >= 0 && photometricIterations >= 0,
                "photometric rounds and iterations must be >= 0");
        check(pyramidLevels >= 1, "pyramidLevels must be >= 1");
        check(maxSamples >= 50, "maxSamples must be >= 50");
        check(photometricRobustThreshold >= 0, "photometricRobustThreshold must be >= 0");
        check(finestLevelEyeDistance > 0, "finestLevelEyeDistance must be > 0");
        check(landmarkRobustThreshold >= 0, "landmarkRobustThreshold must be >= 0");
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
        b.photometricWeight = photometricWeight;
        b.landmarkWeight = landmarkWeight;
        b.jawLandmarkWeight = jawLandmarkWeight;
        b.identityPriorWeight = identityPriorWeight;
        b.photometricIdentityPriorWeight = photometricIdentityPriorWeight;
        b.expressionPriorWeight = expressionPriorWeight;
        b.albedoPriorWeight = albedoPriorWeight;
        b.landmarkRounds = landmarkRounds;
        b.landmarkIterations = landmarkIterations;
        b.appearanceIterations = appearanceIterations;
        b.pyramidLevels = pyramidLevels;
        b.photometricRounds = photometricRounds;
        b.photometricIterations = photometricIterations;
        b.maxSamples = maxSamples;
        b.photometricRobustThreshold = photometricRobustThreshold;
        b.finestLevelEyeDistance = finestLevelEyeDistance;
        b.cameraDistance = cameraDistance;
        b.skinMask = skinMask;
        b.landmarkRobustThreshold = landmarkRobustThreshold;
        return b;
    }

    /** Landmark 2D error σ (fraction of the inter-ocular distance) the default priors assume. */
    public static final double DEFAULT_LANDMARK_NOISE = 0.045;
    /** Prior deviation of an expression blendshape weight (weights live in [0, 1], neutral is 0). */
    static final double EXPRESSION_SIGMA = 0.3;

    /** Fluent builder with the documented defaults. */
    public static final class Builder {
        private int identityModes = 80;
        private int albedoModes = 60;
        private double photometricWeight = 1.0;
        private double landmarkWeight = 10.0;
        private double jawLandmarkWeight = 0.3;
        private double identityPriorWeight;
        private double photometricIdentityPriorWeight;
        private double expressionPriorWeight;
        private double albedoPriorWeight = 1e-4;
        private int landmarkRounds = 3;
        private int landmarkIterations = 15;
        private int appearanceIterations = 5;
        private int pyramidLevels = 2;
        private int photometricRounds = 2;
        private int photometricIterations = 5;
        private int maxSamples = 1000;
        private double photometricRobustThreshold = 0.1;
        private double finestLevelEyeDistance = 60;
        private double cameraDistance = Double.POSITIVE_INFINITY;
        private boolean skinMask = true;
        private double landmarkRobustThreshold = 0.1;

        private Builder() {
            landmarkNoise(DEFAULT_LANDMARK_NOISE);
        }

        public Builder identityModes(int v) { identityModes = v; return this; }
        public Builder albedoModes(int v) { albedoModes = v; return this; }
        public Builder photometricWeight(double v) { photometricWeight = v; return this; }
        public Builder landmarkWeight(double v) { landmarkWeight = v; return this; }
        public Builder jawLandmarkWeight(double v) { jawLandmarkWeight = v; return this; }
        public Builder identityPriorWeight(double v) { identityPriorWeight = v; return this; }
        public Builder photometricIdentityPriorWeight(double v) { photometricIdentityPriorWeight = v; return this; }
        public Builder expressionPriorWeight(double v) { expressionPriorWeight = v; return this; }
        public Builder albedoPriorWeight(double v) { albedoPriorWeight = v; return this; }
        public Builder landmarkRounds(int v) { landmarkRounds = v; return this; }
        public Builder landmarkIterations(int v) { landmarkIterations = v; return this; }
        public Builder appearanceIterations(int v) { appearanceIterations = v; return this; }
        public Builder pyramidLevels(int v) { pyramidLevels = v; return this; }
        public Builder photometricRounds(int v) { photometricRounds = v; return this; }
        public Builder photometricIterations(int v) { photometricIterations = v; return this; }
        public Builder maxSamples(int v) { maxSamples = v; return this; }
        public Builder photometricRobustThreshold(double v) { photometricRobustThreshold = v; return this; }
        public Builder finestLevelEyeDistance(double v) { finestLevelEyeDistance = v; return this; }
        public Builder cameraDistance(double v) { cameraDistance = v; return this; }
        public Builder skinMask(boolean v) { skinMask = v; return this; }
        public Builder landmarkRobustThreshold(double v) { landmarkRobustThreshold = v; return this; }

        /**
         * Sets the identity and expression priors for landmarks of this 2D error σ (a fraction of the
         * inter-ocular distance; the default priors assume {@value #DEFAULT_LANDMARK_NOISE}): the MAP weights
         * {@code w_id = w_lan·σ²/68} and {@code w_exp = w_id/0.3²}, with the landmark weight set so far. A
         * caller who knows its landmarks are better than a detector's (synthetic renders with exact model
         * landmarks, say) says so here; real photos keep the default, because the distance between a marked
         * point and its model vertex alone is a few percent.
         */
        public Builder landmarkNoise(double sigma) {
            if (!(sigma > 0) || !Double.isFinite(sigma)) {
                throw new IllegalArgumentException("landmark noise must be positive and finite, got " + sigma);
            }
            double w = landmarkWeight * sigma * sigma / 68;
            identityPriorWeight = w;
            photometricIdentityPriorWeight = w;
            expressionPriorWeight = w / (EXPRESSION_SIGMA * EXPRESSION_SIGMA);
            return this;
        }

        public CoarseOptions build() {
            return new CoarseOptions(identityModes, albedoModes, photometricWeight, landmarkWeight, jawLandmarkWeight,
                    identityPriorWeight,
                    photometricIdentityPriorWeight,
                    expressionPriorWeight, albedoPriorWeight, landmarkRounds, landmarkIterations, appearanceIterations,
                    pyramidLevels, photometricRounds, photometricIterations, photometricRobustThreshold, maxSamples,
                    finestLevelEyeDistance, cameraDistance, skinMask, landmarkRobustThreshold);
        }
    }
}
