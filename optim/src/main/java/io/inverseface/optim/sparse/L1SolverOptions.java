package io.inverseface.optim.sparse;

/**
 * Settings of {@link L1Solver} (ADMM). Build with {@link #builder()}.
 *
 * @param rho            initial penalty ρ > 0 of the augmented Lagrangian
 * @param absTolerance   ε_abs ≥ 0 of the stopping rule (Boyd et al. 2011, §3.3.1)
 * @param relTolerance   ε_rel ≥ 0 of the stopping rule
 * @param maxIterations  iteration cap ≥ 1
 * @param relaxation     over-relaxation α in (0, 2); 1 = plain ADMM, 1.5–1.8 usually faster
 * @param adaptiveRho    residual balancing: scale ρ when one residual dominates the other
 * @param balanceRatio   μ of residual balancing: adapt when ‖r‖ > μ‖s‖ or ‖s‖ > μ‖r‖ (&gt; 1)
 * @param rhoScale       τ of residual balancing: ρ is multiplied/divided by τ (&gt; 1)
 * @param adaptInterval  check residual balance every this many iterations (each change refactorises)
 * @param ordering       fill-reducing ordering of the cached Cholesky factor
 * @param accelerated    Nesterov momentum with adaptive restart (fast ADMM, Goldstein et al. 2014):
 *                       about 25% fewer iterations on mesh problems
 * @param method         {@link L1Method#ADMM} (factorised, exact x-updates) or {@link L1Method#IRLS_PCG}
 *                       (matrix-free reweighted least squares, no factorisation)
 * @param irlsTolerance  IRLS: stop once the smoothing ε reached its floor and the objective changed by at
 *                       most this fraction over one block of {@code pcgIterations} steps (&gt; 0)
 * @param irlsEpsilon    IRLS: floor of the smoothing ε relative to the rms of {@code L·x} (&gt; 0); the
 *                       solved problem is the L1 problem with {@code |t|} replaced by the Huber function
 *                       {@code t²/(2ε) + ε/2} for {@code |t| < ε}
 * @param irlsMaxReweightings IRLS: cap on blocks (≥ 1); at most {@code irlsMaxReweightings·pcgIterations} steps
 * @param pcgIterations  IRLS: preconditioned CG steps per block (≥ 1); ε drops and the stopping rule is
 *                       checked once per block (the weights themselves are refreshed at every step)
 */
public record L1SolverOptions(double rho, double absTolerance, double relTolerance, int maxIterations,
                              double relaxation, boolean adaptiveRho, double balanceRatio,
                              double rhoScale, int adaptInterval, FillReducingOrdering ordering,
                              boolean accelerated, L1Method method, double irlsTolerance, double irlsEpsilon,
                              int irlsMaxReweightings, int pcgIterations) {

    /** The algorithm of {@link L1Solver}. */
    public enum L1Method {
        /** ADMM with a cached sparse Cholesky factorisation of {@code AᵀA + μ1·I + ρLᵀL}. */
        ADMM,
        /**
         * Iteratively reweighted least squares with decreasing smoothing ε; each weighted system
         * {@code (AᵀA + μ1·I + ½μ2·LᵀW L)·x = Aᵀb} is solved approximately by warm-started, matrix-free
         * Jacobi-preconditioned CG (a majorise-minimise descent method on the smoothed objective).
         */
        IRLS_PCG
    }

    /** Validates all settings. */
    public L1SolverOptions {
        if (!(rho > 0) || !Double.isFinite(rho)) {
            throw new IllegalArgumentException("rho must be finite and > 0, got " + rho);
        }
        if (!(absTolerance >= 0) || !(relTolerance >= 0)) {
            throw new IllegalArgumentException("tolerances must be >= 0");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        if (!(relaxation > 0 && relaxation < 2)) {
            throw new IllegalArgumentException("relaxation must be in (0, 2), got " + relaxation);
        }
        if (!(balanceRatio > 1) || !(rhoScale > 1)) {
            throw new IllegalArgumentException("balanceRatio and rhoScale must be > 1");
        }
        if (adaptInterval < 1) {
            throw new IllegalArgumentException("adaptInterval must be >= 1");
        }
        if (ordering == null) {
            throw new IllegalArgumentException("ordering must not be null");
        }
        if (method == null) {
            throw new IllegalArgumentException("method must not be null");
        }
        if (!(irlsTolerance > 0) || !(irlsEpsilon > 0)) {
            throw new IllegalArgumentException("irlsTolerance and irlsEpsilon must be > 0");
        }
        if (irlsMaxReweightings < 1 || pcgIterations < 1) {
            throw new IllegalArgumentException("irlsMaxReweightings and pcgIterations must be >= 1");
        }
    }

    /**
     * Defaults: ρ=1, ε_abs=1e-6, ε_rel=1e-4, 1000 iterations, α=1.6, adaptive ρ (μ=10, τ=2, every 10),
     * nested dissection, accelerated, method ADMM; IRLS-PCG: ε floor 1e-2·rms(Lx), 10 blocks of 20 CG steps,
     * stop at 1e-5 relative objective change per block.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Default options. */
    public static L1SolverOptions defaults() {
        return builder().build();
    }

    /** Builder for {@link L1SolverOptions}. */
    public static final class Builder {
        private double rho = 1.0;
        private double absTolerance = 1e-6;
        private double relTolerance = 1e-4;
        private int maxIterations = 1000;
        private double relaxation = 1.6;
        private boolean adaptiveRho = true;
        private double balanceRatio = 10;
        private double rhoScale = 2;
        private int adaptInterval = 10;
        private FillReducingOrdering ordering = FillReducingOrdering.NESTED_DISSECTION;
        private boolean accelerated = true;
        private L1Method method = L1Method.ADMM;
        private double irlsTolerance = 1e-5;
        private double irlsEpsilon = 1e-2;
        private int irlsMaxReweightings = 10;
        private int pcgIterations = 20;

        private Builder() {
        }

        /** Initial penalty ρ. */
        public Builder rho(double v) { rho = v; return this; }
        /** Absolute tolerance ε_abs. */
        public Builder absTolerance(double v) { absTolerance = v; return this; }
        /** Relative tolerance ε_rel. */
        public Builder relTolerance(double v) { relTolerance = v; return this; }
        /** Iteration cap. */
        public Builder maxIterations(int v) { maxIterations = v; return this; }
        /** Over-relaxation α in (0, 2). */
        public Builder relaxation(double v) { relaxation = v; return this; }
        /** Enables/disables residual balancing of ρ. */
        public Builder adaptiveRho(boolean v) { adaptiveRho = v; return this; }
        /** Residual-balancing ratio μ. */
        public Builder balanceRatio(double v) { balanceRatio = v; return this; }
        /** Residual-balancing scale τ. */
        public Builder rhoScale(double v) { rhoScale = v; return this; }
        /** Iterations between residual-balancing checks. */
        public Builder adaptInterval(int v) { adaptInterval = v; return this; }
        /** Fill-reducing ordering of the factor. */
        public Builder ordering(FillReducingOrdering v) { ordering = v; return this; }

        /** Enables/disables momentum with restart (fast ADMM). */
        public Builder accelerated(boolean v) { accelerated = v; return this; }

        /** The algorithm (default {@link L1Method#ADMM}). */
        public Builder method(L1Method v) { method = v; return this; }
        /** IRLS: relative objective change per reweighting at which to stop. */
        public Builder irlsTolerance(double v) { irlsTolerance = v; return this; }
        /** IRLS: smoothing floor relative to rms(L·x). */
        public Builder irlsEpsilon(double v) { irlsEpsilon = v; return this; }
        /** IRLS: cap on blocks of {@code pcgIterations} steps. */
        public Builder irlsMaxReweightings(int v) { irlsMaxReweightings = v; return this; }
        /** IRLS: CG steps per block (ε decrease and stopping check). */
        public Builder pcgIterations(int v) { pcgIterations = v; return this; }

        /** Builds and validates. */
        public L1SolverOptions build() {
            return new L1SolverOptions(rho, absTolerance, relTolerance, maxIterations, relaxation,
                    adaptiveRho, balanceRatio, rhoScale, adaptInterval, ordering, accelerated, method, irlsTolerance,
                    irlsEpsilon, irlsMaxReweightings, pcgIterations);
        }
    }
}
