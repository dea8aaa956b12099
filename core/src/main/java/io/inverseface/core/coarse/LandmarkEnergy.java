package io.inverseface.core.coarse;

import io.inverseface.core.coarse.terms.LandmarkTerm;
import io.inverseface.core.io.Landmarks;
import java.util.EnumSet;
import java.util.Set;

/** The built-in landmark energy {@code w_lan·E_lan} ({@link LandmarkTerm}), named {@value #NAME}. */
public final class LandmarkEnergy implements FaceEnergy {
    public static final String NAME = "landmarks";

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
        LandmarkTerm term = new LandmarkTerm(ctx.bases(), ctx.landmarkVertices(), lm.coordinates(), null,
                ctx.landmarkNormals(), lm.interOcularDistance());
        return FaceTerm.of(term, ctx.options().landmarkWeight(), FaceBlock.POSE, FaceBlock.IDENTITY, FaceBlock.EXPRESSION);
    }
}
