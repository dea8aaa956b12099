package io.inverseface.core.coarse;

import io.inverseface.core.coarse.terms.PhotoConsistencyTerm;
import io.inverseface.core.FaceParameters;
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
        double delta = ctx.options().photometricRobustThreshold();
        if (delta > 0 && Double.isFinite(delta)) {
            term = term.withSampleWeights(huberWeights(term, ctx, delta));
        }
        return FaceTerm.of(term, ctx.options().photometricWeight(), FaceBlock.POSE, FaceBlock.IDENTITY,
                FaceBlock.EXPRESSION, FaceBlock.ALBEDO, FaceBlock.LIGHTING);
    }

    /**
     * Iteratively reweighted least squares for a Huber loss on each sample's RGB error e: weight 1 while
     * e ≤ δ, δ/e beyond (the residuals are scaled by its square root). Computed once per round at the
     * round's starting parameters, so hair, shadows and occluders stop pulling the shape.
     */
    static double[] huberWeights(PhotoConsistencyTerm term, FitContext ctx, double delta) {
        FaceParameters p = ctx.current();
        double[][] blocks = {PoseBlock.of(p.pose()), p.identity(), p.expression(), p.albedo(), p.lighting().coefficients()};
        double[] r = new double[term.residualCount()];
        double[] w = new double[term.sampleCount()];
        java.util.Arrays.fill(w, 1.0);
        if (!term.evaluate(blocks, r, null)) {
            return w;
        }
        double scale = Math.sqrt(term.sampleCount()); // undo the 1/√|P| normalisation
        for (int i = 0; i < w.length; i++) {
            double e = scale * Math.sqrt(r[3 * i] * r[3 * i] + r[3 * i + 1] * r[3 * i + 1] + r[3 * i + 2] * r[3 * i + 2]);
            w[i] = e <= delta ? 1.0 : Math.sqrt(delta / e);
        }
        return w;
    }
}
