package io.inverseface.core.coarse;

import io.inverseface.core.FaceParameters;
import io.inverseface.core.coarse.terms.LandmarkTerm;
import io.inverseface.core.io.Landmarks;
import java.util.EnumSet;
import java.util.Set;

/** The built-in landmark energy {@code w_lan·E_lan} ({@link LandmarkTerm}), named {@value #NAME}. */
public final class LandmarkEnergy implements FaceEnergy {
    public static final String NAME = "landmarks";
    private static final int JAW_LAST = 16;

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
        if (!term.evaluate(new double[][] {PoseBlock.of(p.pose()), p.identity(), p.expression()}, r, null)) {
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
        // Jaw points (iBUG 0–16) mark a silhouette, not a surface point: they are the noisiest annotations and,
        // under yaw, trade pitch against jaw shape, so they weigh less than the inner face.
        double[] weights = new double[Landmarks.COUNT];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = i <= JAW_LAST ? ctx.options().jawLandmarkWeight() : 1.0;
        }
        LandmarkTerm term = new LandmarkTerm(ctx.bases(), ctx.landmarkVertices(), lm.coordinates(), weights,
                ctx.landmarkNormals(), lm.interOcularDistance(), ctx.projection());
        double delta = ctx.options().landmarkRobustThreshold();
        if (delta > 0 && Double.isFinite(delta)) {
            robustWeights(term, ctx, weights, delta);
            term = new LandmarkTerm(ctx.bases(), ctx.landmarkVertices(), lm.coordinates(), weights,
                    ctx.landmarkNormals(), lm.interOcularDistance(), ctx.projection());
        }
        return FaceTerm.of(term, ctx.options().landmarkWeight(), FaceBlock.POSE, FaceBlock.IDENTITY, FaceBlock.EXPRESSION);
    }
}
