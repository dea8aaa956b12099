package io.inverseface.core.coarse;

import io.inverseface.core.coarse.terms.PriorTerm;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The built-in Gaussian priors {@code w·Σ(α_i/σ_i)²} on identity, expression or albedo
 * ({@link PriorTerm}), named {@value #IDENTITY}, {@value #EXPRESSION} and {@value #ALBEDO}.
 */
public final class PriorEnergy implements FaceEnergy {
    public static final String IDENTITY = "identity-prior";
    public static final String EXPRESSION = "expression-prior";
    public static final String ALBEDO = "albedo-prior";

    private final FaceBlock block;

    public PriorEnergy(FaceBlock block) {
        if (block != FaceBlock.IDENTITY && block != FaceBlock.EXPRESSION && block != FaceBlock.ALBEDO) {
            throw new IllegalArgumentException("a PCA prior exists for identity, expression and albedo, not " + block);
        }
        this.block = block;
    }

    @Override
    public String name() {
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
        CoarseOptions o = ctx.options();
        double[] sigma;
        double weight;
        switch (block) {
            case IDENTITY -> {
                sigma = Arrays.copyOf(ctx.model().identityBasis().sigma(), ctx.bases().identityCount());
                weight = ctx.phase() == FitPhase.PHOTOMETRIC ? o.photometricIdentityPriorWeight() : o.identityPriorWeight();
            }
            case EXPRESSION -> {
                sigma = ctx.model().expressionBasis().sigma();
                weight = o.expressionPriorWeight();
            }
            default -> {
                sigma = Arrays.copyOf(ctx.model().albedoBasis().sigma(), ctx.bases().albedoCount());
                weight = o.albedoPriorWeight();
            }
        }
        if (sigma.length == 0) {
            return null;
        }
        return FaceTerm.of(new PriorTerm(name(), sigma), weight, block);
    }
}
