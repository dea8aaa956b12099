package io.inverseface.core.fit.photometric;

import io.inverseface.core.fit.FaceBlock;
import io.inverseface.core.fit.FaceEnergy;
import io.inverseface.core.fit.FaceTerm;
import io.inverseface.core.fit.FitContext;
import io.inverseface.core.fit.FitPhase;
import io.inverseface.core.fit.PoseBlock;
import io.inverseface.core.fit.EnergyWeights;
import io.inverseface.core.FaceParameters;
import java.util.EnumSet;
import java.util.Set;

/**
 * The built-in photo-consistency energy {@code w_con·E_con} ({@link PhotoConsistencyTerm}), named
 * {@value #NAME}: the mean squared RGB error per sample vertex, colours in [0, 1].
 *
 * @param weight          w_con
 * @param robustThreshold δ of the Huber loss on each sample's RGB error (IRLS weights refreshed every
 *                        round); 0 for plain least squares
 */
public record PhotoConsistencyEnergy(double weight, double robustThreshold) implements FaceEnergy {
    public static final String NAME = "photo-consistency";

    public PhotoConsistencyEnergy {
        EnergyWeights.check(NAME, "weight", weight);
        EnergyWeights.checkThreshold(NAME, robustThreshold);
    }

    /**
     * The weight measured on real faces, against the landmark energy's w_lan = 10 and the priors derived
     * from its noise: at 3 rather than 1 the image corrects more of the detector's error. Head-scan renders,
     * mean rigid error: detected landmarks 1.311 → 1.247 mm, true ones 1.103 → 1.042; every 5th of the 561
     * real photos: fitted NME68 5.45 → 5.39 %; in-model recovery 1.197 → 1.021 mm. The optimum is broad
     * (2–5 within 0.015 mm of each other on the scan; 0.3 and 10 worse). BENCHMARKS.md, "Fidelity on a
     * real head scan".
     */
    public static final double DEFAULT_WEIGHT = 3.0;

    /** w_con = {@value #DEFAULT_WEIGHT}, δ = 0.1. */
    public static PhotoConsistencyEnergy defaults() {
        return new PhotoConsistencyEnergy(DEFAULT_WEIGHT, 0.1);
    }

    public PhotoConsistencyEnergy withWeight(double v) { return new PhotoConsistencyEnergy(v, robustThreshold); }
    public PhotoConsistencyEnergy withRobustThreshold(double v) { return new PhotoConsistencyEnergy(weight, v); }

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
                ctx.levelScale(), ctx.projection(), null);
        // The Huber weights and the skin mask are independent: either one alone weighs the samples.
        boolean robust = robustThreshold > 0 && Double.isFinite(robustThreshold);
        if (robust || ctx.options().skinMask()) {
            term = term.withSampleWeights(sampleWeights(term, ctx, robust ? robustThreshold : Double.POSITIVE_INFINITY));
        }
        return FaceTerm.of(term, weight, FaceBlock.POSE, FaceBlock.IDENTITY,
                FaceBlock.EXPRESSION, FaceBlock.ALBEDO, FaceBlock.LIGHTING);
    }

    /**
     * Iteratively reweighted least squares for a Huber loss on each sample's RGB error e: weight 1 while
     * e ≤ δ, δ/e beyond (the residuals are scaled by its square root; δ = ∞ for none), times, when the
     * options ask for the skin mask, the probability that the sample shows skin ({@link SkinColourModel},
     * fitted to this round's samples), so that hair, glasses, beards and background inside the face's
     * outline stop pulling the shape at all. Computed once per round at the round's starting parameters,
     * with the residuals from wherever the solver evaluates ({@link FitContext#residuals()}).
     */
    static double[] sampleWeights(PhotoConsistencyTerm term, FitContext ctx, double delta) {
        FaceParameters p = ctx.current();
        double[][] blocks = {PoseBlock.of(p.pose()), p.identity(), p.expression(), p.albedo(), p.lighting().coefficients()};
        double[] r = new double[term.residualCount()];
        double[] w = new double[term.sampleCount()];
        java.util.Arrays.fill(w, 1.0);
        if (!ctx.residuals().evaluate(term, blocks, r)) {
            return w;
        }
        double scale = Math.sqrt(term.sampleCount()); // undo the 1/√|P| normalisation
        for (int i = 0; i < w.length; i++) {
            double e = scale * Math.sqrt(r[3 * i] * r[3 * i] + r[3 * i + 1] * r[3 * i + 1] + r[3 * i + 2] * r[3 * i + 2]);
            w[i] = e <= delta ? 1.0 : Math.sqrt(delta / e);
        }
        double[] observed = new double[3 * term.sampleCount()];
        if (ctx.options().skinMask() && term.sampleCount() >= SkinColourModel.MIN_SAMPLES && term.observedColours(blocks, observed)) {
            // C_S = C_I + r·√|P| (the residual is C_S − C_I, normalised).
            double[] predicted = new double[observed.length];
            for (int k = 0; k < observed.length; k++) {
                predicted[k] = observed[k] + scale * r[k];
            }
            SkinColourModel skin = SkinColourModel.fit(observed, predicted);
            for (int i = 0; i < w.length; i++) {
                w[i] *= Math.sqrt(skin.probability(observed, predicted, 3 * i));
            }
        }
        return w;
    }
}
