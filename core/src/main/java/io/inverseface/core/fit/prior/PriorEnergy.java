package io.inverseface.core.fit.prior;

import io.inverseface.core.fit.FaceBlock;
import io.inverseface.core.fit.FaceEnergy;
import io.inverseface.core.fit.FaceTerm;
import io.inverseface.core.fit.FitContext;
import io.inverseface.core.fit.FitPhase;
import io.inverseface.core.fit.EnergyWeights;
import io.inverseface.optim.NormalPrior;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * A built-in Gaussian prior {@code w·Σ(α_i/σ_i)²} on the identity, expression or albedo coefficients
 * ({@link NormalPrior}, with the model's σ), named {@value #IDENTITY}, {@value #EXPRESSION} and
 * {@value #ALBEDO}.
 *
 * <p>The shape priors are set as a MAP estimate would set them, from how wrong a landmark is
 * ({@link #identityFor}, {@link #expressionFor}): with N = 68 landmarks of independent 2D error σ (in
 * inter-ocular units), {@code w_lan·E_lan} is the negative log-likelihood when {@code w_lan = N/σ²}, so a
 * prior {@code Σ(α/σ_α)²} takes {@code w = w_lan·σ²/N}. Landmark error here is the detector's (5–6 % NME on
 * real photos) plus the distance between what an annotator marks and the model vertex standing for it:
 * σ ≈ {@value #DEFAULT_LANDMARK_NOISE} gives {@code w_id = 10·0.045²/68 ≈ 3e-4}. The ARKit-style expression
 * weights (σ_α = 1 in the model) are kept near neutral with σ ≈ 0.3 ({@code w_exp ≈ 3e-4/0.3² ≈ 3e-3}).
 * Before these were chosen like this (w_id = 1e-5, from in-model renders), fits of renders of a real head
 * scan came out 15–25 % too small and worse than the model's mean face; see BENCHMARKS.md, "Fidelity on a
 * real head scan".
 *
 * @param block            identity, expression or albedo
 * @param weight           w in the landmark and appearance phases
 * @param photometricWeight w in the photometric phase (for identity: shading and unmodelled hair or
 *                         shadows may pull the shape more than landmarks do, so it may be stronger)
 */
public record PriorEnergy(FaceBlock block, double weight, double photometricWeight) implements FaceEnergy {
    public static final String IDENTITY = "identity-prior";
    public static final String EXPRESSION = "expression-prior";
    public static final String ALBEDO = "albedo-prior";
    /** Landmark 2D error σ (fraction of the inter-ocular distance) the default priors assume. */
    public static final double DEFAULT_LANDMARK_NOISE = 0.045;
    /** Prior deviation of an expression blendshape weight (weights live in [0, 1], neutral is 0). */
    static final double EXPRESSION_SIGMA = 0.3;
    private static final int LANDMARKS = 68;

    public PriorEnergy {
        if (block != FaceBlock.IDENTITY && block != FaceBlock.EXPRESSION && block != FaceBlock.ALBEDO) {
            throw new IllegalArgumentException("a PCA prior exists for identity, expression and albedo, not " + block);
        }
        EnergyWeights.check(nameOf(block), "weight", weight);
        EnergyWeights.check(nameOf(block), "photometricWeight", photometricWeight);
    }

    /** The identity prior for landmarks of 2D error σ and landmark weight w_lan: {@code w = w_lan·σ²/68}. */
    public static PriorEnergy identityFor(double landmarkNoise, double landmarkWeight) {
        double w = mapWeight(landmarkNoise, landmarkWeight);
        return new PriorEnergy(FaceBlock.IDENTITY, w, w);
    }

    /** The expression prior for landmarks of 2D error σ: {@code w = w_lan·σ²/68 / 0.3²}. */
    public static PriorEnergy expressionFor(double landmarkNoise, double landmarkWeight) {
        double w = mapWeight(landmarkNoise, landmarkWeight) / (EXPRESSION_SIGMA * EXPRESSION_SIGMA);
        return new PriorEnergy(FaceBlock.EXPRESSION, w, w);
    }

    /** The albedo prior, w = 1e-4 (the photometric error, not the landmarks, sets its scale). */
    public static PriorEnergy albedoDefault() {
        return new PriorEnergy(FaceBlock.ALBEDO, 1e-4, 1e-4);
    }

    private static double mapWeight(double sigma, double landmarkWeight) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("landmark noise must be positive and finite, got " + sigma);
        }
        return landmarkWeight * sigma * sigma / LANDMARKS;
    }

    /** This prior with another weight in the landmark and appearance phases. */
    public PriorEnergy withWeight(double v) { return new PriorEnergy(block, v, photometricWeight); }
    /** This prior with another weight in the photometric phase. */
    public PriorEnergy withPhotometricWeight(double v) { return new PriorEnergy(block, weight, v); }

    @Override
    public String name() {
        return nameOf(block);
    }

    private static String nameOf(FaceBlock block) {
        return switch (block) {
            case IDENTITY -> IDENTITY;
            case EXPRESSION -> EXPRESSION;
            default -> ALBEDO;
        };
    }

    @Override
    public Set<FitPhase> phases() {
        return block == FaceBlock.ALBEDO ? EnumSet.of(FitPhase.APPEARANCE, FitPhase.PHOTOMETRIC)
                : EnumSet.of(FitPhase.LANDMARKS, FitPhase.PHOTOMETRIC);
    }

    @Override
    public FaceTerm build(FitContext ctx) {
        double[] sigma = switch (block) {
            case IDENTITY -> Arrays.copyOf(ctx.model().identityBasis().sigma(), ctx.bases().identityCount());
            case EXPRESSION -> ctx.model().expressionBasis().sigma();
            default -> Arrays.copyOf(ctx.model().albedoBasis().sigma(), ctx.bases().albedoCount());
        };
        if (sigma.length == 0) {
            return null;
        }
        double w = ctx.phase() == FitPhase.PHOTOMETRIC ? photometricWeight : weight;
        return FaceTerm.of(new NormalPrior(sigma), w, block);
    }
}
