package io.inverseface.benchmarks.optim;

import io.inverseface.optim.LinearStep;
import io.inverseface.optim.backend.DenseJacobian;
import io.inverseface.optim.backend.cpu.CpuBackend;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Dense-vs-PCG crossover for one LM linear step (μ = 1e-4, PCG tolerance 1e-6) on m×n double
 * Jacobians, m = 20000: dense = JᵀJ, Jᵀr and Cholesky; pcg = Jᵀr, column norms and matrix-free PCG.
 * The n where the two cross is the rule behind {@code LinearSolverType.AUTO}. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar PcgCrossover -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PcgCrossoverBenchmark {

    private static final int M = 20_000;

    @Param({"50", "150", "300", "600"})
    public int n;

    private CpuBackend backend;
    private DenseJacobian jacobian;
    private double[] j;
    private double[] r;
    private double[] jtj;
    private double[] scratch;
    private double[] g;
    private double[] d;
    private double[] columnSquares;
    private double[] delta;

    @Setup(Level.Trial)
    public void setUp() {
        backend = new CpuBackend();
        j = PcgProblems.jacobian(M, n, 42);
        jacobian = backend.wrap(j, M, n);
        r = PcgProblems.vector(M, 7);
        jtj = new double[n * n];
        scratch = new double[n * n];
        g = new double[n];
        d = new double[n];
        columnSquares = new double[n];
        delta = new double[n];
    }

    @Benchmark
    public double dense() {
        backend.normalEquations(jacobian, r, jtj, g);
        for (int i = 0; i < n; i++) {
            d[i] = jtj[i * n + i];
        }
        LinearStep.solveDense(backend, jtj, n, g, d, 1e-4, null, scratch, delta);
        return delta[0];
    }

    @Benchmark
    public double pcg() {
        backend.multiplyTransposed(jacobian, r, g);
        java.util.Arrays.fill(columnSquares, 0);
        for (int k = 0; k < M; k++) {
            int b = k * n;
            for (int c = 0; c < n; c++) {
                columnSquares[c] += j[b + c] * j[b + c];
            }
        }
        int it = LinearStep.solveConjugateGradient(backend, jacobian, g, columnSquares, columnSquares, 1e-4, null,
                1e-6, 0, delta);
        return delta[0] + it;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }
}
