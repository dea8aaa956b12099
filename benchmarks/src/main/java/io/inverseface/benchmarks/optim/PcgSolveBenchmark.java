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
 * One LM linear step by matrix-free Jacobi-PCG on a 30000×300 Jacobian (CPU backend, all cores),
 * relative tolerance 1e-6, μ = 1e-4; float and double J. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar PcgSolve -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class PcgSolveBenchmark {

    @Param({"false", "true"})
    public boolean singlePrecision;

    private static final int M = 30_000;
    private static final int N = 300;

    private CpuBackend backend;
    private DenseJacobian jacobian;
    private double[] g;
    private double[] columnSquares;
    private double[] delta;

    @Setup(Level.Trial)
    public void setUp() {
        backend = new CpuBackend();
        double[] j = PcgProblems.jacobian(M, N, 42);
        jacobian = singlePrecision ? backend.upload(PcgProblems.toFloat(j), M, N) : backend.upload(j, M, N);
        double[] r = PcgProblems.vector(M, 7);
        g = new double[N];
        backend.multiplyTransposed(jacobian, r, g);
        columnSquares = new double[N];
        for (int k = 0; k < M; k++) {
            for (int c = 0; c < N; c++) {
                columnSquares[c] += j[k * N + c] * j[k * N + c];
            }
        }
        delta = new double[N];
    }

    @Benchmark
    public double pcgStep() {
        int iterations = LinearStep.solveConjugateGradient(backend, jacobian, g, columnSquares, columnSquares, 1e-4,
                null, 1e-6, 0, delta);
        return delta[0] + iterations;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }
}
