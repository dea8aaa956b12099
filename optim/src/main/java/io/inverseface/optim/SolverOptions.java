package io.inverseface.optim;

import io.inverseface.optim.backend.LinearAlgebraBackend;
import io.inverseface.optim.backend.cpu.CpuBackend;
import java.time.Duration;

/**
 * Configuration of {@link Solver}; build with {@link #builder()}. Defaults follow Ceres where they exist.
 *
 * @param method                 GN or LM (default LM)
 * @param linearSolver           how the step is solved (default AUTO)
 * @param backend                where J products run (default a new {@link CpuBackend}); not closed by the solver
 * @param singlePrecisionJacobian store J in float (halves memory traffic; default false)
 * @param maxIterations          iteration cap (default 100)
 * @param timeBudget             wall-time budget, or null for none
 * @param functionTolerance      stop when |Δcost| / cost &lt; this (default 1e-6)
 * @param gradientTolerance      stop when ‖projected gradient‖∞ &lt; this (default 1e-10)
 * @param parameterTolerance     stop when ‖δ‖ &lt; this·(‖x‖ + this) (default 1e-8)
 * @param initialTrustRadius     LM initial radius, μ = 1/radius (default 1e4)
 * @param maxTrustRadius         LM radius cap (default 1e16)
 * @param minTrustRadius         LM stops when the radius falls below (default 1e-32)
 * @param cgRelativeTolerance    PCG stops when ‖residual‖ ≤ this·‖b‖ (default 1e-10)
 * @param cgMaxIterations        PCG iteration cap; 0 = 2·n (default 0)
 * @param deviceEvaluation       on a device backend with the dense step, keep J and r in device memory and let
 *                               {@link io.inverseface.optim.device.DeviceTerm}s evaluate there (float J, whatever
 *                               {@code singlePrecisionJacobian} says); false evaluates on the host and uploads J
 *                               (default true)
 */
public record SolverOptions(Method method, LinearSolverType linearSolver, LinearAlgebraBackend backend,
                            boolean singlePrecisionJacobian, int maxIterations, Duration timeBudget,
                            double functionTolerance, double gradientTolerance, double parameterTolerance,
                            double initialTrustRadius, double maxTrustRadius, double minTrustRadius,
                            double cgRelativeTolerance, int cgMaxIterations, boolean deviceEvaluation) {

    public SolverOptions {
        if (method == null || linearSolver == null || backend == null) {
            throw new IllegalArgumentException("method, linearSolver and backend must not be null");
        }
        if (maxIterations < 0 || cgMaxIterations < 0) {
            throw new IllegalArgumentException("iteration caps must be >= 0");
        }
        if (!(functionTolerance >= 0) || !(gradientTolerance >= 0) || !(parameterTolerance >= 0)
                || !(cgRelativeTolerance >= 0)) {
            throw new IllegalArgumentException("tolerances must be >= 0");
        }
        if (!(initialTrustRadius > 0) || !(maxTrustRadius >= initialTrustRadius) || !(minTrustRadius >= 0)) {
            throw new IllegalArgumentException("need 0 < initialTrustRadius <= maxTrustRadius and minTrustRadius >= 0");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Default options (LM, AUTO linear solver, CPU backend, double J). */
    public static SolverOptions defaults() {
        return builder().build();
    }

    /** Fluent builder; every setter has a documented default in {@link SolverOptions}. */
    public static final class Builder {
        private Method method = Method.LEVENBERG_MARQUARDT;
        private LinearSolverType linearSolver = LinearSolverType.AUTO;
        private LinearAlgebraBackend backend;
        private boolean singlePrecision;
        private int maxIterations = 100;
        private Duration timeBudget;
        private double functionTolerance = 1e-6;
        private double gradientTolerance = 1e-10;
        private double parameterTolerance = 1e-8;
        private double initialTrustRadius = 1e4;
        private double maxTrustRadius = 1e16;
        private double minTrustRadius = 1e-32;
        private double cgRelativeTolerance = 1e-10;
        private int cgMaxIterations;
        private boolean deviceEvaluation = true;

        private Builder() {
        }

        public Builder method(Method v) { method = v; return this; }

        public Builder linearSolver(LinearSolverType v) { linearSolver = v; return this; }

        public Builder backend(LinearAlgebraBackend v) { backend = v; return this; }

        public Builder singlePrecisionJacobian(boolean v) { singlePrecision = v; return this; }

        public Builder maxIterations(int v) { maxIterations = v; return this; }

        public Builder timeBudget(Duration v) { timeBudget = v; return this; }

        public Builder functionTolerance(double v) { functionTolerance = v; return this; }

        public Builder gradientTolerance(double v) { gradientTolerance = v; return this; }

        public Builder parameterTolerance(double v) { parameterTolerance = v; return this; }

        public Builder initialTrustRadius(double v) { initialTrustRadius = v; return this; }

        public Builder maxTrustRadius(double v) { maxTrustRadius = v; return this; }

        public Builder minTrustRadius(double v) { minTrustRadius = v; return this; }

        public Builder cgRelativeTolerance(double v) { cgRelativeTolerance = v; return this; }

        public Builder cgMaxIterations(int v) { cgMaxIterations = v; return this; }

        public Builder deviceEvaluation(boolean v) { deviceEvaluation = v; return this; }

        public SolverOptions build() {
            return new SolverOptions(method, linearSolver, backend != null ? backend : new CpuBackend(),
                    singlePrecision, maxIterations, timeBudget, functionTolerance, gradientTolerance,
                    parameterTolerance, initialTrustRadius, maxTrustRadius, minTrustRadius,
                    cgRelativeTolerance, cgMaxIterations, deviceEvaluation);
        }
    }
}
