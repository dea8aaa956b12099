package io.inverseface.optim.backend.cpu;

import io.inverseface.optim.backend.Backend;
import io.inverseface.optim.backend.DenseJacobian;
import io.inverseface.optim.backend.LinearAlgebraBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Multi-threaded host implementation of {@link LinearAlgebraBackend}, float and double.
 *
 * <p>JᵀJ is blocked over rows: each thread owns a contiguous row range and accumulates a private
 * upper triangle {@code C_t = Σ_{k∈range} J_kᵀ J_k}, four rows at a time
 * ({@code C[i][j..n) += J[k0][i]·J[k0][j..n) + … + J[k3][i]·J[k3][j..n)}, an element-wise loop the JIT
 * vectorises), and four rows of C share each load of J (4×4 register tiles, 8 flops per load); the
 * float partials are flushed to double every {@value NormalKernels#FLOAT_FLUSH_ROWS} rows. The partials are
 * then summed and mirrored. Flop convention for throughput figures: the symmetric product costs m·n² flops
 * (2·m·n²/2, upper triangle only). The SPD solve uses EJML's Cholesky.
 *
 * <p>Work below ~2·10⁵ multiply-adds runs on the calling thread; thread start-up would dominate.
 */
public final class CpuBackend implements LinearAlgebraBackend {

    private static final long PARALLEL_THRESHOLD = 200_000;

    private final int threads;
    private ExecutorService pool;

    /** Uses all available processors. */
    public CpuBackend() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** Uses {@code threads ≥ 1} worker threads. */
    public CpuBackend(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    public int threads() {
        return threads;
    }

    @Override
    public String name() {
        return "cpu(" + threads + " threads)";
    }

    @Override
    public Backend kind() {
        return Backend.CPU;
    }

    @Override
    public DenseJacobian upload(double[] jacobian, int rows, int cols) {
        checkShape(jacobian.length, rows, cols);
        return new CpuDenseJacobian(rows, cols, jacobian.clone(), null);
    }

    @Override
    public DenseJacobian upload(float[] jacobian, int rows, int cols) {
        checkShape(jacobian.length, rows, cols);
        return new CpuDenseJacobian(rows, cols, null, jacobian.clone());
    }

    /**
     * Wraps the caller's array without copying (the caller must not change it while the returned
     * Jacobian is in use). The solver borrows its Jacobian this way, avoiding one m·n copy per iteration.
     */
    public DenseJacobian wrap(double[] jacobian, int rows, int cols) {
        checkShape(jacobian.length, rows, cols);
        return new CpuDenseJacobian(rows, cols, jacobian, null);
    }

    /** Float counterpart of {@link #wrap(double[], int, int)}. */
    public DenseJacobian wrap(float[] jacobian, int rows, int cols) {
        checkShape(jacobian.length, rows, cols);
        return new CpuDenseJacobian(rows, cols, null, jacobian);
    }

    /** {@link #wrap(double[], int, int)}: the CPU reads the caller's array in place. */
    @Override
    public DenseJacobian borrow(double[] jacobian, int rows, int cols) {
        return wrap(jacobian, rows, cols);
    }

    /** {@link #wrap(float[], int, int)}: the CPU reads the caller's array in place. */
    @Override
    public DenseJacobian borrow(float[] jacobian, int rows, int cols) {
        return wrap(jacobian, rows, cols);
    }

    private static void checkShape(int length, int rows, int cols) {
        if (rows < 0 || cols < 0 || (long) rows * cols != length) {
            throw new IllegalArgumentException("Jacobian array has length " + length + ", expected "
                    + rows + "×" + cols);
        }
    }

    private static CpuDenseJacobian cast(DenseJacobian j) {
        if (!(j instanceof CpuDenseJacobian c)) {
            throw new IllegalArgumentException("Jacobian was not created by a CpuBackend: " + j);
        }
        return c;
    }

    private int tasksFor(long work, int rows) {
        if (threads == 1 || work < PARALLEL_THRESHOLD) {
            return 1;
        }
        return Math.max(1, Math.min(threads, rows / 4));
    }

    @Override
    public void normalEquations(DenseJacobian jacobian, double[] residuals, double[] jtj, double[] jtr) {
        CpuDenseJacobian j = cast(jacobian);
        int m = j.rows();
        int n = j.cols();
        if (residuals.length != m || jtj.length != (long) n * n || jtr.length != n) {
            throw new IllegalArgumentException("normalEquations: bad array lengths for " + m + "×" + n);
        }
        int tasks = tasksFor((long) m * n * n, m);
        List<double[]> partialC = new ArrayList<>();
        List<double[]> partialG = new ArrayList<>();
        runRanges(m, tasks, (lo, hi) -> {
            double[] g = new double[n];
            double[] c;
            if (j.f != null) {
                c = new double[n * n];
                NormalKernels.upperFloat(j.f, n, lo, hi, new float[n * n], c);
                NormalKernels.transposedTimesFloat(j.f, n, residuals, lo, hi, g);
            } else {
                c = new double[n * n];
                NormalKernels.upperDouble(j.d, n, lo, hi, c);
                NormalKernels.transposedTimesDouble(j.d, n, residuals, lo, hi, g);
            }
            synchronized (partialC) {
                partialC.add(c);
                partialG.add(g);
            }
        });
        java.util.Arrays.fill(jtj, 0.0);
        java.util.Arrays.fill(jtr, 0.0);
        for (int t = 0; t < partialC.size(); t++) {
            double[] c = partialC.get(t);
            double[] g = partialG.get(t);
            for (int i = 0; i < n; i++) {
                int row = i * n;
                for (int k = i; k < n; k++) {
                    jtj[row + k] += c[row + k];
                }
                jtr[i] += g[i];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int k = i + 1; k < n; k++) {
                jtj[k * n + i] = jtj[i * n + k];
            }
        }
    }

    @Override
    public void multiply(DenseJacobian jacobian, double[] v, double[] out) {
        CpuDenseJacobian j = cast(jacobian);
        int m = j.rows();
        int n = j.cols();
        if (v.length != n || out.length != m) {
            throw new IllegalArgumentException("multiply: bad array lengths for " + m + "×" + n);
        }
        int tasks = tasksFor((long) m * n, m);
        if (j.f != null) {
            float[] vf = new float[n];
            for (int i = 0; i < n; i++) {
                vf[i] = (float) v[i];
            }
            runRanges(m, tasks, (lo, hi) -> {
                for (int r = lo; r < hi; r++) {
                    int base = r * n;
                    float s = 0f;
                    for (int c = 0; c < n; c++) {
                        s += j.f[base + c] * vf[c];
                    }
                    out[r] = s;
                }
            });
        } else {
            runRanges(m, tasks, (lo, hi) -> {
                for (int r = lo; r < hi; r++) {
                    int base = r * n;
                    double s = 0;
                    for (int c = 0; c < n; c++) {
                        s += j.d[base + c] * v[c];
                    }
                    out[r] = s;
                }
            });
        }
    }

    @Override
    public void multiplyTransposed(DenseJacobian jacobian, double[] u, double[] out) {
        CpuDenseJacobian j = cast(jacobian);
        int m = j.rows();
        int n = j.cols();
        if (u.length != m || out.length != n) {
            throw new IllegalArgumentException("multiplyTransposed: bad array lengths for " + m + "×" + n);
        }
        int tasks = tasksFor((long) m * n, m);
        List<double[]> partials = new ArrayList<>();
        runRanges(m, tasks, (lo, hi) -> {
            double[] g = new double[n];
            if (j.f != null) {
                NormalKernels.transposedTimesFloat(j.f, n, u, lo, hi, g);
            } else {
                NormalKernels.transposedTimesDouble(j.d, n, u, lo, hi, g);
            }
            synchronized (partials) {
                partials.add(g);
            }
        });
        java.util.Arrays.fill(out, 0.0);
        for (double[] g : partials) {
            for (int i = 0; i < n; i++) {
                out[i] += g[i];
            }
        }
    }

    @Override
    public boolean solveSymmetricPositiveDefinite(double[] a, int n, double[] b, double[] x) {
        if (a.length != n * n || b.length != n || x.length != n) {
            throw new IllegalArgumentException("solveSymmetricPositiveDefinite: bad array lengths for n=" + n);
        }
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        DMatrixRMaj am = new DMatrixRMaj(n, n);
        System.arraycopy(a, 0, am.data, 0, n * n);
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(n);
        if (!chol.setA(am)) {
            return false;
        }
        DMatrixRMaj bm = DMatrixRMaj.wrap(n, 1, b.clone());
        DMatrixRMaj xm = new DMatrixRMaj(n, 1);
        chol.solve(bm, xm);
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(xm.data[i])) {
                return false;
            }
        }
        System.arraycopy(xm.data, 0, x, 0, n);
        return true;
    }

    @FunctionalInterface
    private interface RangeTask {
        void run(int lo, int hi);
    }

    private void runRanges(int m, int tasks, RangeTask task) {
        if (tasks <= 1) {
            task.run(0, m);
            return;
        }
        ExecutorService p = pool();
        List<Future<?>> futures = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            int lo = (int) ((long) m * t / tasks);
            int hi = (int) ((long) m * (t + 1) / tasks);
            futures.add(p.submit(() -> task.run(lo, hi)));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("CPU backend interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("CPU backend task failed", e.getCause());
        }
    }

    private synchronized ExecutorService pool() {
        if (pool == null) {
            // Idle workers time out, so an unclosed backend (e.g. the SolverOptions default) leaks no threads.
            ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "inverseface-cpu-backend");
                        t.setDaemon(true);
                        return t;
                    });
            executor.allowCoreThreadTimeOut(true);
            pool = executor;
        }
        return pool;
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
    }
}
