package io.inverseface.benchmarks.optim;

import io.inverseface.optim.backend.Backend;
import io.inverseface.optim.backend.DenseJacobian;
import io.inverseface.optim.backend.LinearAlgebraBackend;
import io.inverseface.optim.backend.cpu.CpuBackend;
import io.inverseface.optim.backend.cuda.CudaBackend;
import io.inverseface.optim.backend.opencl.OpenClBackend;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
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
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * JᵀJ + Jᵀr (one {@code normalEquations} call on a device-resident J) for m = 30k and 120k
 * residuals × n = 300 parameters, per backend and precision.
 *
 * <p>Flop convention: {@code m·n²} for the symmetric product (n²/2 multiply-adds per row, 2 flops
 * each) plus {@code 2·m·n} for Jᵀr; GFLOP/s = that / time. JMH reports the time; {@link #main}
 * runs the available combinations and prints GFLOP/s.
 *
 * <p>Unavailable combinations (no CUDA; no OpenCL <em>GPU</em> — PoCL's CPU device is never
 * benchmarked; double on a device without fp64) are recorded in {@code @Setup}, print one
 * "UNAVAILABLE" line, and their benchmark body returns at once: ignore their (tiny) times.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar NormalEquations -f 1 -wi 2 -i 3}, or
 * {@code java -cp benchmarks/target/benchmarks.jar io.inverseface.benchmarks.optim.NormalEquationsBenchmark}
 * for the GFLOP/s table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class NormalEquationsBenchmark {

    @Param({"30000", "120000"})
    public int rows;

    @Param({"300"})
    public int cols;

    @Param({"CPU", "OPENCL", "CUDA"})
    public String backend;

    @Param({"float", "double"})
    public String precision;

    private LinearAlgebraBackend algebra;
    private DenseJacobian jacobian;
    private double[] residuals;
    private double[] jtj;
    private double[] jtr;
    private String unavailable;

    @Setup(Level.Trial)
    public void setUp() {
        boolean single = "float".equals(precision);
        try {
            algebra = open(Backend.valueOf(backend), single);
        } catch (RuntimeException | LinkageError e) {
            unavailable = e.getMessage();
        }
        if (algebra == null) {
            System.out.println("UNAVAILABLE backend=" + backend + " precision=" + precision + ": " + unavailable
                    + " (ignore this combination's time)");
            return;
        }
        Random random = new Random(42);
        int size = rows * cols;
        if (single) {
            float[] j = new float[size];
            for (int i = 0; i < size; i++) {
                j[i] = (float) (random.nextDouble() * 2 - 1);
            }
            jacobian = algebra.upload(j, rows, cols);
        } else {
            double[] j = new double[size];
            for (int i = 0; i < size; i++) {
                j[i] = random.nextDouble() * 2 - 1;
            }
            jacobian = algebra.upload(j, rows, cols);
        }
        residuals = new double[rows];
        for (int i = 0; i < rows; i++) {
            residuals[i] = random.nextDouble() * 2 - 1;
        }
        jtj = new double[cols * cols];
        jtr = new double[cols];
        System.out.println("backend=" + backend + " -> " + algebra.name());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (jacobian != null) {
            jacobian.close();
        }
        if (algebra != null) {
            algebra.close();
        }
    }

    @Benchmark
    public void normalEquations(Blackhole blackhole) {
        if (algebra == null) {
            blackhole.consume(unavailable);
            return;
        }
        algebra.normalEquations(jacobian, residuals, jtj, jtr);
        blackhole.consume(jtj);
        blackhole.consume(jtr);
    }

    /** Floating-point operations of one normalEquations call: m·n² + 2·m·n. */
    public static double flops(int m, int n) {
        return (double) m * n * n + 2.0 * m * n;
    }

    /**
     * Opens a backend for benchmarking or returns null when it is not worth measuring.
     * OPENCL means an OpenCL GPU only: a CPU OpenCL device (PoCL) is slower than the CPU backend.
     */
    static LinearAlgebraBackend open(Backend kind, boolean single) {
        switch (kind) {
            case CPU:
                return new CpuBackend();
            case OPENCL: {
                OpenClBackend b = OpenClBackend.open(true);
                if (!single && !b.supportsDouble()) {
                    b.close();
                    throw new IllegalStateException("OpenCL GPU has no double precision");
                }
                return b;
            }
            case CUDA:
                return CudaBackend.open();
            default:
                throw new IllegalArgumentException("not benchmarked: " + kind);
        }
    }

    /** Runs the available combinations and prints GFLOP/s (extra args are ignored). */
    public static void main(String[] args) throws Exception {
        List<String> available = new ArrayList<>();
        for (Backend kind : new Backend[] {Backend.CPU, Backend.OPENCL, Backend.CUDA}) {
            try {
                open(kind, true).close();
                available.add(kind.name());
            } catch (RuntimeException | LinkageError e) {
                System.out.println("skipping " + kind + ": " + e.getMessage());
            }
        }
        Options options = new OptionsBuilder()
                .include(NormalEquationsBenchmark.class.getSimpleName())
                .param("backend", available.toArray(new String[0]))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.printf("%n%-8s %-7s %8s %5s %12s %10s%n", "backend", "prec", "m", "n", "ms/op", "GFLOP/s");
        for (RunResult result : results) {
            var params = result.getParams();
            int m = Integer.parseInt(params.getParam("rows"));
            int n = Integer.parseInt(params.getParam("cols"));
            double ms = result.getPrimaryResult().getScore();
            System.out.printf("%-8s %-7s %8d %5d %12.3f %10.2f%n", params.getParam("backend"),
                    params.getParam("precision"), m, n, ms, flops(m, n) / (ms * 1e-3) / 1e9);
        }
    }
}
