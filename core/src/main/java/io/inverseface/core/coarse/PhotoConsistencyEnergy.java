package io.inverseface.core.coarse;

import io.inverseface.core.coarse.terms.PhotoConsistencyTerm;
import io.inverseface.core.FaceParameters;
import io.inverseface.optim.device.DeviceTermEvaluator;
import io.inverseface.optim.backend.ComputeDevice;
import io.inverseface.optim.backend.DeviceBuffer;
import java.util.EnumSet;
import java.util.Set;

/** The built-in photo-consistency energy {@code w_con·E_con} ({@link PhotoConsistencyTerm}), named {@value #NAME}. */
public final class PhotoConsistencyEnergy implements FaceEnergy {
    public static final String NAME = "photo-consistency";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PhotoConsistencyEnergy.class);
    /** Fewest samples a skin colour is fitted to; below it every sample counts as skin. */
    static final int MIN_SKIN_SAMPLES = 30;
    private static final java.util.concurrent.atomic.AtomicBoolean DEVICE_FAILURE_LOGGED =
            new java.util.concurrent.atomic.AtomicBoolean();

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
        double delta = ctx.options().photometricRobustThreshold();
        boolean robust = delta > 0 && Double.isFinite(delta);
        if (robust || ctx.options().skinMask()) {
            term = term.withSampleWeights(sampleWeights(term, ctx, robust ? delta : Double.POSITIVE_INFINITY));
        }
        return FaceTerm.of(term, ctx.options().photometricWeight(), FaceBlock.POSE, FaceBlock.IDENTITY,
                FaceBlock.EXPRESSION, FaceBlock.ALBEDO, FaceBlock.LIGHTING);
    }

    /**
     * Iteratively reweighted least squares for a Huber loss on each sample's RGB error e: weight 1 while
     * e ≤ δ, δ/e beyond (the residuals are scaled by its square root; δ = ∞ for none), times, when the
     * options ask for the skin mask, the probability that the sample shows skin ({@link SkinColourModel},
     * fitted to this round's samples), so that hair, glasses, beards and background inside the face's
     * outline stop pulling the shape at all. Computed once per round at the round's starting parameters.
     * On a device the residuals come from the term's kernels.
     */
    static double[] sampleWeights(PhotoConsistencyTerm term, FitContext ctx, double delta) {
        FaceParameters p = ctx.current();
        double[][] blocks = {PoseBlock.of(p.pose()), p.identity(), p.expression(), p.albedo(), p.lighting().coefficients()};
        double[] r = new double[term.residualCount()];
        double[] w = new double[term.sampleCount()];
        java.util.Arrays.fill(w, 1.0);
        if (!(ctx.device() != null ? residualsOnDeviceOrHost(term, ctx.device(), blocks, r) : term.evaluate(blocks, r, null))) {
            return w;
        }
        double scale = Math.sqrt(term.sampleCount()); // undo the 1/√|P| normalisation
        for (int i = 0; i < w.length; i++) {
            double e = scale * Math.sqrt(r[3 * i] * r[3 * i] + r[3 * i + 1] * r[3 * i + 1] + r[3 * i + 2] * r[3 * i + 2]);
            w[i] = e <= delta ? 1.0 : Math.sqrt(delta / e);
        }
        double[] observed = new double[3 * term.sampleCount()];
        if (ctx.options().skinMask() && term.sampleCount() >= MIN_SKIN_SAMPLES && term.observedColours(blocks, observed)) {
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

    /** {@link #residualsOnDevice}, or the CPU pass when the device cannot do it (logged once). */
    private static boolean residualsOnDeviceOrHost(PhotoConsistencyTerm term, ComputeDevice device, double[][] blocks,
                                                   double[] out) {
        try {
            return residualsOnDevice(term, device, blocks, out);
        } catch (RuntimeException | LinkageError e) {
            if (DEVICE_FAILURE_LOGGED.compareAndSet(false, true)) {
                LOG.warn("robust photometric weights on the CPU: the device failed ({})", e.toString());
            }
            return term.evaluate(blocks, out, null);
        }
    }

    /** The term's residuals by its kernels (no Jacobian): 12 bytes per sample come back instead of a CPU pass. */
    private static boolean residualsOnDevice(PhotoConsistencyTerm term, ComputeDevice device, double[][] blocks,
                                             double[] out) {
        int n = term.residualCount();
        float[] host = new float[n];
        try (DeviceTermEvaluator e = term.bindTo(device); DeviceBuffer r = device.allocate(n)) {
            if (!e.evaluate(blocks, r, null, 0, 0, new int[] {-1, -1, -1, -1, -1}, 1.0)) {
                return false;
            }
            device.read(r, 0, host, n);
        }
        for (int i = 0; i < n; i++) {
            out[i] = host[i];
            if (!Float.isFinite(host[i])) {
                return false;
            }
        }
        return true;
    }
}
