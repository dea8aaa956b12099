package io.inverseface.benchmarks.optim;

import io.inverseface.optim.sparse.L1Problem;
import io.inverseface.optim.sparse.L1Solution;
import io.inverseface.optim.sparse.L1Solver;
import io.inverseface.optim.sparse.L1SolverOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * ADMM L1 solver on a detail-stage-like grid mesh problem (cold start, default options except ε_rel: includes
 * ordering, symbolic and numeric factorisation). Target: ≤ 300 ms at 30k unknowns on 2 cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class L1SolverBenchmark {

    @Param({"30000", "100000"})
    public int unknowns;

    /** ε_rel of the stopping rule (ε_abs = 1e-6); 1e-4 is the default, 1e-3 a detail-stage setting. */
    @Param({"1e-4", "1e-3"})
    public double relTolerance;

    /** ADMM (cached Cholesky) or the matrix-free IRLS-PCG method (ε_rel does not apply to it). */
    @Param({"ADMM", "IRLS_PCG"})
    public String method;

    private L1Problem problem;
    private L1Solution last;

    @Setup(Level.Trial)
    public void setup() {
        problem = L1BenchmarkProblems.gridDetailProblem(L1BenchmarkProblems.side(unknowns), 7);
    }

    /** Fresh solver each call: ordering + symbolic + numeric factorisation + ADMM iterations. */
    @Benchmark
    public L1Solution coldSolve() {
        last = new L1Solver(L1SolverOptions.builder().relTolerance(relTolerance)
                .method(L1SolverOptions.L1Method.valueOf(method)).build()).solve(problem);
        return last;
    }

    @TearDown(Level.Trial)
    public void report() {
        // Benchmark harness output (not library code): iteration count and time split.
        System.out.printf("%n[L1SolverBenchmark n=%d relTol=%g " + method + "] iterations=%d converged=%b factorisations=%d "
                        + "factor=%.1f ms iterations=%.1f ms objective=%.6g%n",
                problem.numUnknowns(), relTolerance, last.iterations(), last.converged(), last.factorizations(),
                last.factorizationNanos() / 1e6, last.iterationNanos() / 1e6, last.objective());
    }
}
