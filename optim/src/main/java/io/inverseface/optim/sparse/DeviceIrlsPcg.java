package io.inverseface.optim.sparse;

import io.inverseface.compute.ComputeDevice;
import io.inverseface.compute.DeviceBuffer;
import io.inverseface.compute.DeviceBuffers;
import io.inverseface.compute.DeviceKernel;
import io.inverseface.compute.KernelResources;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.sparse.csc.CommonOps_DSCC;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IrlsPcg}'s nonlinear-PCG iteration on a {@link ComputeDevice} ({@code irls_ncg.cl}, float): the
 * same steps, ε schedule and stopping rule. A, Aᵀ and L live on the device as CSR arrays and every
 * scalar of the recursion in a small device array, so a block of {@code pcgIterations} steps is enqueued
 * without reading anything back; at the end of a block x, A·x and L·x come back once for the objective
 * and the ε update (done on the host in double, as on the CPU).
 */
final class DeviceIrlsPcg {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceIrlsPcg.class);
    private static final String RESOURCE = "/io/inverseface/optim/kernels/irls_ncg.cl";
    private static final int CHUNK = 256;
    private static final double EPS_DECAY = 0.1;
    // Slots of the scalar array (irls_ncg.cl).
    private static final int S_EPS = 0, S_HW = 1, S_MU1 = 2, S_RESTART = 3, S_STOP = 4, S_ITER = 11;
    private static final int S_SIZE = 16;

    private DeviceIrlsPcg() {
    }

    static L1Solution solve(L1Problem problem, L1Solution warmStart, L1SolverOptions o, ComputeDevice device) {
        long t0 = System.nanoTime();
        DMatrixSparseCSC a = problem.a();
        DMatrixSparseCSC l = problem.l();
        double[] b = problem.b();
        int n = problem.numUnknowns();
        int m = a.numRows;
        int p = problem.numRegularisationRows();
        double mu1 = problem.mu1();
        double mu2 = problem.mu2();
        IrlsStart start = IrlsStart.of(problem, warmStart, o);
        double[] x = start.x();
        double[] t = start.t();
        double[] atb = start.atb();
        double[] diagA = start.diagA();
        double eps = start.eps();
        double rho = start.rho();
        DMatrixSparseCSC lRows = start.lRows();
        DMatrixSparseCSC aRows = CommonOps_DSCC.transpose(a, null, null);
        double[] ax = new double[m];
        double[] ga = new double[n];
        SparseOps.mult(a, x, ax);
        SparseOps.multTranspose(a, ax, ga);

        try (DeviceBuffers up = new DeviceBuffers(device)) {
            String src = KernelResources.read(RESOURCE);
            DeviceKernel kWeights = device.kernel(src, "weights");
            DeviceKernel kResidual = device.kernel(src, "residual");
            DeviceKernel kDot = device.kernel(src, "partial_dot");
            DeviceKernel kFinishResidual = device.kernel(src, "finish_residual");
            DeviceKernel kDirection = device.kernel(src, "direction");
            DeviceKernel kFinishDirection = device.kernel(src, "finish_direction");
            DeviceKernel kKeep = device.kernel(src, "keep_residual");
            DeviceKernel kCsr = device.kernel(src, "csr_product");
            DeviceKernel kFinishCurvature = device.kernel(src, "finish_curvature");
            DeviceKernel kUpdate = device.kernel(src, "step_update");

            DeviceBuffer aPtr = up.ints(aRows.col_idx, m + 1), aCol = up.ints(aRows.nz_rows, aRows.nz_length),
                    aVal = up.floats(aRows.nz_values, aRows.nz_length);
            DeviceBuffer atPtr = up.ints(a.col_idx, n + 1), atCol = up.ints(a.nz_rows, a.nz_length),
                    atVal = up.floats(a.nz_values, a.nz_length);
            DeviceBuffer lPtr = up.ints(lRows.col_idx, p + 1), lCol = up.ints(lRows.nz_rows, lRows.nz_length),
                    lVal = up.floats(lRows.nz_values, lRows.nz_length);
            DeviceBuffer lcPtr = up.ints(l.col_idx, n + 1), lcRow = up.ints(l.nz_rows, l.nz_length),
                    lcVal = up.floats(l.nz_values, l.nz_length);
            DeviceBuffer dAtb = up.floats(atb, n), dDiagA = up.floats(diagA, n), dX = up.floats(x, n),
                    dAx = up.floats(ax, m), dGa = up.floats(ga, n), dT = up.floats(t, p);
            DeviceBuffer w = up.zeros(p), wt = up.zeros(p), r = up.zeros(n), rPrev = up.zeros(n), z = up.zeros(n),
                    dr = up.zeros(n), d = up.zeros(n), ad = up.zeros(m), ld = up.zeros(p), wld = up.zeros(p),
                    gd = up.zeros(n);
            int mChunks = chunks(m), nChunks = chunks(n), pChunks = chunks(p);
            DeviceBuffer partial = up.zeros(Math.max(3 * nChunks, mChunks + nChunks + pChunks));
            float[] scalars = new float[S_SIZE];
            scalars[S_EPS] = (float) eps;
            scalars[S_HW] = (float) (0.5 * mu2);
            scalars[S_MU1] = (float) mu1;
            scalars[S_RESTART] = 1;
            DeviceBuffer s = up.floats(scalars);

            int block = o.pcgIterations();
            int blocks = o.irlsMaxReweightings();
            float[] hostX = new float[n], hostAx = new float[m], hostT = new float[p];
            double fPrev = L1Problem.objective(ax, b, x, t, mu1, mu2);
            boolean converged = false;
            int iterations = 0;
            for (int blk = 0; blk < blocks; blk++) {
                for (int step = 0; step < block; step++) {
                    device.launch(kWeights, p, p, dT, w, wt, s);
                    device.launch(kResidual, n, n, lcPtr, lcRow, lcVal, dAtb, dGa, dX, dDiagA, w, wt, rPrev, r, z, dr, s);
                    device.launch(kDot, nChunks, n, CHUNK, r, z, partial, 0, s);
                    device.launch(kDot, nChunks, n, CHUNK, z, dr, partial, nChunks, s);
                    device.launch(kDot, nChunks, n, CHUNK, r, r, partial, 2 * nChunks, s);
                    device.launch(kFinishResidual, 1, nChunks, partial, s);
                    device.launch(kDirection, n, n, z, d, s);
                    device.launch(kDot, nChunks, n, CHUNK, r, d, partial, 0, s);
                    device.launch(kFinishDirection, 1, nChunks, partial, s);
                    device.launch(kKeep, n, n, z, d, r, rPrev, s);
                    device.launch(kCsr, m, m, aPtr, aCol, aVal, d, ad, 0, ad, ad, s);
                    device.launch(kCsr, p, p, lPtr, lCol, lVal, d, ld, 1, w, wld, s);
                    device.launch(kDot, mChunks, m, CHUNK, ad, ad, partial, 0, s);
                    device.launch(kDot, nChunks, n, CHUNK, d, d, partial, mChunks, s);
                    device.launch(kDot, pChunks, p, CHUNK, wld, ld, partial, mChunks + nChunks, s);
                    device.launch(kFinishCurvature, 1, mChunks, nChunks, pChunks, partial, s);
                    device.launch(kCsr, n, n, atPtr, atCol, atVal, ad, gd, 0, gd, gd, s);
                    device.launch(kUpdate, n, n, dX, d, s);
                    device.launch(kUpdate, n, n, dGa, gd, s);
                    device.launch(kUpdate, m, m, dAx, ad, s);
                    device.launch(kUpdate, p, p, dT, ld, s);
                }
                device.read(s, 0, scalars, S_SIZE);
                iterations = (int) scalars[S_ITER];
                if (scalars[S_STOP] != 0) {
                    converged = true;
                    break;
                }
                device.read(dX, 0, hostX, n);
                device.read(dAx, 0, hostAx, m);
                device.read(dT, 0, hostT, p);
                widen(hostX, x);
                widen(hostAx, ax);
                widen(hostT, t);
                double f = L1Problem.objective(ax, b, x, t, mu1, mu2);
                double floor = o.irlsEpsilon() * IrlsStart.rms(t);
                if (eps <= floor && Math.abs(fPrev - f) <= o.irlsTolerance() * Math.abs(f)) {
                    converged = true;
                    break;
                }
                if (eps > floor) {
                    eps = Math.max(eps * EPS_DECAY, floor);
                    device.write(s, S_EPS, new float[] {(float) eps}, 1);
                    device.write(s, S_RESTART, new float[] {1}, 1);
                }
                fPrev = f;
            }
            device.read(dX, 0, hostX, n);
            widen(hostX, x);
            long iterNanos = System.nanoTime() - t0;
            SparseOps.multTranspose(lRows, x, t);
            double f = problem.objective(x);
            double[] u = IrlsStart.dual(t, eps, mu2, rho);
            LOG.debug("L1 IRLS-NCG on {} n={} p={}: {} iterations, converged={}, obj={}, {} ms", device.name(), n, p,
                    iterations, converged, f, (System.nanoTime() - t0) / 1e6);
            return new L1Solution(x, t.clone(), u, rho, iterations, converged, 0.0, Double.NaN, f, 0, 0, iterNanos);
        }
    }

    private static int chunks(int count) {
        return Math.max(1, (count + CHUNK - 1) / CHUNK);
    }

    private static void widen(float[] from, double[] to) {
        for (int i = 0; i < to.length; i++) {
            to[i] = from[i];
        }
    }
}
