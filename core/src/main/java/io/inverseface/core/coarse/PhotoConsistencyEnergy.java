package io.inverseface.core.coarse;

import io.inverseface.core.coarse.terms.PhotoConsistencyTerm;
import java.util.EnumSet;
import java.util.Set;

/** The built-in photo-consistency energy {@code w_con·E_con} ({@link PhotoConsistencyTerm}), named {@value #NAME}. */
public final class PhotoConsistencyEnergy implements FaceEnergy {
    public static final String NAME = "photo-consistency";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<FitPhase> phases() {
        return EnumSet.of(FitPhase.APPEARANCE, FitPhase.PHOTOMETRIC);
    }

    @Override
    public FaceTerm build(FitContext ctx) {
        int[] samples = ctx.visibleSamples();
        if (samples.length == 0) {
            return null;
        }
        PhotoConsistencyTerm term = new PhotoConsistencyTerm(ctx.bases(), ctx.model().triangles(), samples, ctx.image(),
                ctx.levelScale());
        return FaceTerm.of(term, ctx.options().photometricWeight(), FaceBlock.POSE, FaceBlock.IDENTITY,
                FaceBlock.EXPRESSION, FaceBlock.ALBEDO, FaceBlock.LIGHTING);
    }
}
