package io.inverseface.core.coarse;

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
        return FaceTerm.of(term, ctx.options().landmarkWeight(), FaceBlock.POSE, FaceBlock.IDENTITY, FaceBlock.EXPRESSION);
    }
}
