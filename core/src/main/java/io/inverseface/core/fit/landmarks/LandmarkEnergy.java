package io.inverseface.core.fit.landmarks;

import io.inverseface.core.fit.FaceBlock;
import io.inverseface.core.fit.FaceEnergy;
import io.inverseface.core.fit.FaceTerm;
import io.inverseface.core.fit.FitContext;
import io.inverseface.core.fit.FitPhase;
import io.inverseface.core.fit.PoseBlock;
import io.inverseface.core.fit.EnergyWeights;
import io.inverseface.core.FaceParameters;
import io.inverseface.core.io.Landmarks;
import java.util.EnumSet;
import java.util.Set;

/**
 * The built-in landmark energy {@code w_lan·E_lan} ({@link LandmarkTerm}), named {@value #NAME}: the mean
 * squared 2D error of the 68 landmarks in units of the inter-ocular distance.
 *
 * @param weight          w_lan
 * @param jawWeight       relative weight of the 17 jaw-contour landmarks (1 = like the inner face). The
 *                        contour is a silhouette that detectors and annotators place about twice as loosely
 *                        as inner points, and under yaw it trades pitch against jaw shape: {@code 1/1.8² ≈ 0.3}
 * @param robustThreshold δ of the Huber loss on each landmark's error, in inter-ocular units (IRLS weights
 *                        refreshed every round); 0 for plain least squares
 */
public record LandmarkEnergy(double weight, double jawWeight, double robustThreshold) implements FaceEnergy {
    public static final String NAME = "landmarks";
    public static final double DEFAULT_WEIGHT = 10.0;
    private static final int JAW_LAST = 16;

    public LandmarkEnergy {
        EnergyWeights.check(NAME, "weight", weight);
        EnergyWeights.check(NAME, "jawWeight", jawWeight);
        EnergyWeights.checkThreshold(NAME, robustThreshold);
    }

    /** w_lan = 10, jaw 0.3, δ = 0.1. */
    public static LandmarkEnergy defaults() {
        return new LandmarkEnergy(DEFAULT_WEIGHT, 0.3, 0.1);
    }

    public LandmarkEnergy withWeight(double v) { return new LandmarkEnergy(v, jawWeight, robustThreshold); }
    public LandmarkEnergy withJawWeight(double v) { return new LandmarkEnergy(weight, v, robustThreshold); }
    public LandmarkEnergy withRobustThreshold(double v) { return new LandmarkEnergy(weight, jawWeight, v); }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<FitPhase> phases() {
        return EnumSet.of(FitPhase.LANDMARKS, FitPhase.PHOTOMETRIC);
    }

    /**
     * Iteratively reweighted least squares for a Huber loss on each landmark's error e (in inter-ocular
     * units): the point's weight is multiplied by √(δ/e) beyond δ, so that a detector's few wild points (a
     * jaw point on the collar, a brow on the fringe) stop pulling the pose and shape. Computed at the
     * round's starting parameters; the weights scale the residuals, hence the square root.
     */
    static void robustWeights(LandmarkTerm term, FitContext ctx, double[] weights, double delta) {
        FaceParameters p = ctx.current();
        double[] r = new double[term.residualCount()];
        if (!ctx.residuals().evaluate(term, new double[][] {PoseBlock.of(p.pose()), p.identity(), p.expression()}, r)) {
            return;
        }
        // Residuals carry w_i/(d·√N): undo both to get each point's error in inter-ocular units.
        double root = Math.sqrt(weights.length);
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] == 0) {
                continue;
            }
            double e = root * Math.hypot(r[2 * i], r[2 * i + 1]) / weights[i];
            if (e > delta) {
                weights[i] *= Math.sqrt(delta / e);
            }
        }
    }

    @Override
    public FaceTerm build(FitContext ctx) {
        Landmarks lm = ctx.landmarks();
        double[] weights = new double[Landmarks.COUNT];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = i <= JAW_LAST ? jawWeight : 1.0;
        }
        LandmarkTerm term = new LandmarkTerm(ctx.bases(), ctx.landmarkVertices(), lm.coordinates(), weights,
                ctx.landmarkNormals(), lm.interOcularDistance(), ctx.projection());
        if (robustThreshold > 0 && Double.isFinite(robustThreshold)) {
            robustWeights(term, ctx, weights, robustThreshold);
            term = new LandmarkTerm(ctx.bases(), ctx.landmarkVertices(), lm.coordinates(), weights,
                    ctx.landmarkNormals(), lm.interOcularDistance(), ctx.projection());
        }
        return FaceTerm.of(term, weight, FaceBlock.POSE, FaceBlock.IDENTITY, FaceBlock.EXPRESSION);
    }
}
