package io.inverseface.core.fit;

import java.util.Set;

/**
 * One energy of the coarse fit, as a researcher adds it: a name, the phases it takes part in, and a
 * factory that builds its {@link FaceTerm} for the current state (called again whenever the fitter
 * refreshes visibility, the jaw contour or the pyramid level). The fitter never knows which energy it
 * evaluates; add one with {@code FaceReconstructor.Builder#withEnergy}, drop or swap a built-in one by
 * name with {@code withoutEnergy} / {@code replaceEnergy} / {@code updateEnergy}. An energy owns its name
 * and its weights (the built-ins are records with {@code with...} methods); its term's cost is reported
 * under its name in the solver summaries. A term that also implements
 * {@link io.inverseface.optim.device.DeviceTerm} runs on the GPU when there is one; nothing else in the
 * energy changes (see {@code GpuEnergyInOneFileTest}).
 *
 * <pre>{@code
 * FaceEnergy symmetry = FaceEnergy.of("symmetry", Set.of(FitPhase.LANDMARKS, FitPhase.PHOTOMETRIC),
 *         ctx -> FaceTerm.of(new MySymmetryTerm(ctx.model()), 0.5, FaceBlock.IDENTITY));
 * }</pre>
 */
public interface FaceEnergy {

    /** Unique name; also the key of the term's cost in the solver summaries ({@code costPerTerm}). */
    String name();

    /** Phases in which the term is part of the problem. */
    Set<FitPhase> phases();

    /** Builds the term for this context, or returns null to sit this round out. */
    FaceTerm build(FitContext context);

    /** An energy from a name, its phases and a factory. */
    static FaceEnergy of(String name, Set<FitPhase> phases, java.util.function.Function<FitContext, FaceTerm> factory) {
        Set<FitPhase> copy = Set.copyOf(phases);
        return new FaceEnergy() {
            @Override public String name() { return name; }
            @Override public Set<FitPhase> phases() { return copy; }
            @Override public FaceTerm build(FitContext context) { return factory.apply(context); }
            @Override public String toString() { return "FaceEnergy[" + name + "]"; }
        };
    }
}
