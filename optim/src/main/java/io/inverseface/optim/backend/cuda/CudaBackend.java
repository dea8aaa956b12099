package io.inverseface.optim.backend.cuda;

import io.inverseface.compute.ScratchBuffer;
import io.inverseface.compute.cuda.CudaCompiler;
import io.inverseface.compute.cuda.CudaComputeDevice;
import io.inverseface.compute.cuda.CudaErrors;
import io.inverseface.optim.backend.AbstractDeviceBackend;
import io.inverseface.optim.backend.Backend;
import io.inverseface.optim.backend.BackendUnavailableException;
import io.inverseface.optim.backend.LinearAlgebraBackend;
import io.inverseface.optim.backend.opencl.KernelSource;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasFillMode;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LinearAlgebraBackend} on CUDA device 0 (JCuda + JCublas 12.6), float and double.
 *
 * <p>A row-major m×n J is, to column-major cuBLAS, the n×m matrix {@code Jc = Jᵀ} with leading
 * dimension n. Hence {@code JᵀJ = Jc·Jcᵀ} is one {@code cublas?syrk} (upper triangle in column-major,
 * i.e. the lower triangle of the row-major result), {@code Jᵀu = Jc·u} is {@code gemv(N)} and
 * {@code J·v = Jcᵀ·v} is {@code gemv(T)}. The missing triangle is filled on the device by the
 * {@code mirror_lower} kernel of the shared OpenCL/CUDA source compiled with NVRTC; when NVRTC is
 * not installed the n×n mirror is done on the host after download. The SPD solve runs on the host
 * (n×n) with the CPU backend's Cholesky.
 *
 * <p>cuBLAS is optional: where JCuda's cuBLAS binding cannot load ({@code libcublas.so.12} missing, e.g. on
 * a CUDA 13 machine) the same products run as the tiled kernels the OpenCL backend uses (one source,
 * compiled by {@link CudaCompiler}), so only {@code libcuda.so.1} and a way to compile (NVRTC or nvcc)
 * are required.
 *
 * <p>Uses the device's primary context, which cuBLAS shares.
 */
public final class CudaBackend extends AbstractDeviceBackend<CUdeviceptr, CudaDenseJacobian> {

    private static final Logger LOG = LoggerFactory.getLogger(CudaBackend.class);
    private static final int BLOCK = 16;
    /** Threads per block of the vector kernels (as the OpenCL backend's work-groups). */
    private static final int GROUP = 64;

    /** The device, typed for its compute capability and multiprocessors. */
    private final CudaComputeDevice cuda;
    private final cublasHandle handle = new cublasHandle();
    /** False when cuBLAS could not be loaded: the normal-equation kernels do its work. */
    private final boolean cublas;
    private final ScratchBuffer<CUdeviceptr> gramPartial;
    private final ScratchBuffer<CUdeviceptr> vectorPartial;
    private final ScratchBuffer<CUdeviceptr> gramOut;
    private CudaKernels floatKernels;
    private CudaKernels doubleKernels;
    /** Why the normal-equation kernels of each precision (float, double) could not be built, or null. */
    private final String[] kernelFailure = new String[2];

    /** Sets up the linear algebra on {@code cuda}, whose primary context is current. */
    private CudaBackend(CudaComputeDevice cuda) {
        super(cuda);
        this.cuda = cuda;
        gramPartial = cuda.scratch();
        vectorPartial = cuda.scratch();
        gramOut = cuda.scratch();
        boolean withCublas = openCublas();
        if (!withCublas && kernels(true) == null) {
            throw new IllegalStateException("neither cuBLAS nor a CUDA compiler (NVRTC or nvcc) is available");
        }
        cublas = withCublas;
    }

    /** Creates the cuBLAS handle; false (one log line) when JCuda's cuBLAS binding cannot load. */
    private boolean openCublas() {
        try {
            JCublas2.setExceptionsEnabled(true);
            JCublas2.cublasCreate(handle);
            return true;
        } catch (LinkageError e) {
            LOG.info("cuBLAS unavailable ({}); normal equations by our own CUDA kernels", CudaErrors.conciseReason(e));
            return false;
        }
    }

    /**
     * Opens CUDA device 0.
     *
     * @throws BackendUnavailableException without a driver ({@code libcuda.so.1}), device or cuBLAS
     */
    public static CudaBackend open() {
        CudaComputeDevice cuda = null;
        try {
            cuda = new CudaComputeDevice();
            return new CudaBackend(cuda);
        } catch (Throwable t) { // UnsatisfiedLinkError, CudaException, NoClassDefFoundError, ...
            if (cuda != null) {
                cuda.close();
            }
            throw new BackendUnavailableException(Backend.CUDA, CudaErrors.conciseReason(t), t);
        }
    }

    @Override
    public String name() {
        return cuda.name() + (cublas ? "" : " (no cuBLAS)");
    }

    @Override
    public Backend kind() {
        return Backend.CUDA;
    }

    @Override
    protected CudaDenseJacobian uploadDoubles(double[] jacobian, int rows, int cols) {
        CUdeviceptr p = cuda.allocateBytes((long) Double.BYTES * jacobian.length);
        cuda.writeDoubles(p, jacobian, jacobian.length);
        return new CudaDenseJacobian(this, rows, cols, false, p);
    }

    @Override
    protected CudaDenseJacobian uploadFloats(float[] jacobian, int rows, int cols) {
        CUdeviceptr p = cuda.allocateBytes((long) Float.BYTES * jacobian.length);
        cuda.writeFloats(p, 0, jacobian, jacobian.length);
        return new CudaDenseJacobian(this, rows, cols, true, p);
    }

    @Override
    protected CudaDenseJacobian wrapFloats(CUdeviceptr memory, int rows, int cols) {
        return new CudaDenseJacobian(this, rows, cols, true, memory);
    }

    @Override
    protected void deviceNormalEquations(CudaDenseJacobian j, CUdeviceptr in, double[] jtj, double[] jtr) {
        if (!cublas) {
            kernelNormalEquations(j, in, jtj, jtr);
            return;
        }
        int m = j.rows();
        int n = j.cols();
        boolean single = j.singlePrecision();
        int bytes = valueBytes(single);
        CUdeviceptr c = gramOut.ensure((long) n * n * bytes);
        // C(col-major, upper) = Jc·Jcᵀ with Jc = the n×m column-major view of row-major J.
        if (single) {
            JCublas2.cublasSsyrk(handle, cublasFillMode.CUBLAS_FILL_MODE_UPPER, cublasOperation.CUBLAS_OP_N,
                    n, m, Pointer.to(new float[] {1f}), j.pointer(), n, Pointer.to(new float[] {0f}), c, n);
        } else {
            JCublas2.cublasDsyrk(handle, cublasFillMode.CUBLAS_FILL_MODE_UPPER, cublasOperation.CUBLAS_OP_N,
                    n, m, Pointer.to(new double[] {1d}), j.pointer(), n, Pointer.to(new double[] {0d}), c, n);
        }
        boolean mirroredOnDevice = mirrorOnDevice(single, c, n);
        CUdeviceptr out = vectorOut.ensure((long) n * bytes);
        gemv(single, cublasOperation.CUBLAS_OP_N, j, in, out);
        readBack(c, single, jtj, n * n);
        readBack(out, single, jtr, n);
        if (!mirroredOnDevice) {
            // Row-major lower triangle is filled; copy it onto the upper one.
            for (int r = 1; r < n; r++) {
                for (int col = 0; col < r; col++) {
                    jtj[col * n + r] = jtj[r * n + col];
                }
            }
        }
    }

    @Override
    protected void deviceMultiply(CudaDenseJacobian j, double[] v, double[] out) {
        product(j, cublasOperation.CUBLAS_OP_T, v, out);
    }

    @Override
    protected void deviceMultiplyTransposed(CudaDenseJacobian j, double[] u, double[] out) {
        product(j, cublasOperation.CUBLAS_OP_N, u, out);
    }

    /**
     * JᵀJ and Jᵀr without cuBLAS, as the OpenCL backend computes them: per-slice upper tiles of the Gram
     * matrix (mirrored in the kernel), summed over slices; Jᵀr per slice, summed.
     */
    private void kernelNormalEquations(CudaDenseJacobian j, CUdeviceptr residuals, double[] jtj, double[] jtr) {
        int m = j.rows();
        int n = j.cols();
        boolean single = j.singlePrecision();
        int bytes = valueBytes(single);
        CudaKernels k = requiredKernels(single);
        int tile = KernelSource.TILE;
        int tiles = ceilDiv(n, tile);
        long activeTiles = (long) tiles * (tiles + 1) / 2;
        int maxSlices = Math.max(1, ceilDiv(m, tile * 8L));
        int wanted = (int) Math.min(maxSlices, Math.max(1, ceilDiv(4L * cuda.multiprocessors(), activeTiles)));
        int rowsPerSlice = ceilDiv(ceilDiv(m, wanted), tile) * tile;
        int slices = ceilDiv(m, rowsPerSlice);
        long nn = (long) n * n;
        CUdeviceptr out = gramOut.ensure(nn * bytes);
        CUdeviceptr partial = slices == 1 ? out : gramPartial.ensure(slices * nn * bytes);
        launch(k.gramSlices, tiles, tiles, slices, tile, tile, j.pointer(), m, n, rowsPerSlice, partial);
        if (slices > 1) {
            launch(k.sumSlices, ceilDiv(nn, GROUP), 1, 1, GROUP, 1, partial, slices, (int) nn, out);
        }
        CUdeviceptr g = vectorOut.ensure((long) n * bytes);
        gemv(single, cublasOperation.CUBLAS_OP_N, j, residuals, g);
        readBack(out, single, jtj, (int) nn);
        readBack(g, single, jtr, n);
    }

    /** Jᵀu (u on the device) into {@code result}: per-slice column sums, then summed. */
    private void transposedProduct(CudaKernels k, CudaDenseJacobian j, CUdeviceptr u, CUdeviceptr result) {
        int m = j.rows();
        int n = j.cols();
        int bytes = valueBytes(j.singlePrecision());
        int slices = Math.max(1, Math.min(ceilDiv(m, 256), 64 * cuda.multiprocessors()));
        int rowsPerSlice = ceilDiv(m, slices);
        slices = ceilDiv(m, rowsPerSlice);
        CUdeviceptr partial = slices == 1 ? result : vectorPartial.ensure((long) slices * n * bytes);
        launch(k.transposedProductSlices, ceilDiv(n, GROUP), slices, 1, GROUP, 1, j.pointer(), m, n, rowsPerSlice,
                u, partial);
        if (slices > 1) {
            launch(k.sumSlices, ceilDiv(n, GROUP), 1, 1, GROUP, 1, partial, slices, n, result);
        }
    }

    /** A launch of gx×gy×gz blocks of bx×by threads; args are CUdeviceptr or Integer. */
    private static void launch(CUfunction f, int gx, int gy, int gz, int bx, int by, Object... args) {
        Pointer[] pointers = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) {
            pointers[i] = args[i] instanceof CUdeviceptr p ? Pointer.to(p) : Pointer.to(new int[] {(Integer) args[i]});
        }
        JCudaDriver.cuLaunchKernel(f, gx, gy, gz, bx, by, 1, 0, null, Pointer.to(pointers), null);
    }

    private static int ceilDiv(long a, long b) {
        return (int) ((a + b - 1) / b);
    }

    @Override
    protected void releaseLinearAlgebra() {
        if (floatKernels != null) {
            floatKernels.close();
        }
        if (doubleKernels != null) {
            doubleKernels.close();
        }
        if (cublas) {
            JCublas2.cublasDestroy(handle);
        }
    }

    /** out = op(Jc)·x staged through the vector scratches (op N: Jᵀx, length n; op T: J·x, length m). */
    private void product(CudaDenseJacobian j, int op, double[] x, double[] out) {
        boolean single = j.singlePrecision();
        CUdeviceptr in = writeVector(x, single);
        CUdeviceptr result = vectorOut.ensure((long) out.length * valueBytes(single));
        gemv(single, op, j, in, result);
        readBack(result, single, out, out.length);
    }

    /**
     * y = op(Jc)·x, Jc the n×m column-major view of J (op N: Jᵀx, length n; op T: J·x, length m): cuBLAS,
     * or without it the shared kernels ({@code transposed_product_slices}, {@code product}).
     */
    private void gemv(boolean single, int op, CudaDenseJacobian j, CUdeviceptr x, CUdeviceptr y) {
        if (!cublas) {
            CudaKernels k = requiredKernels(single);
            if (op == cublasOperation.CUBLAS_OP_N) {
                transposedProduct(k, j, x, y);
            } else {
                launch(k.product, j.rows(), 1, 1, KernelSource.PRODUCT_GROUP, 1, j.pointer(), j.rows(), j.cols(), x, y);
            }
            return;
        }
        if (single) {
            JCublas2.cublasSgemv(handle, op, j.cols(), j.rows(), Pointer.to(new float[] {1f}), j.pointer(),
                    j.cols(), x, 1, Pointer.to(new float[] {0f}), y, 1);
        } else {
            JCublas2.cublasDgemv(handle, op, j.cols(), j.rows(), Pointer.to(new double[] {1d}), j.pointer(),
                    j.cols(), x, 1, Pointer.to(new double[] {0d}), y, 1);
        }
    }

    /** Runs mirror_lower on c; false when NVRTC is missing (the caller mirrors on the host). */
    private boolean mirrorOnDevice(boolean single, CUdeviceptr c, int n) {
        CudaKernels kernels = kernels(single);
        if (kernels == null) {
            return false;
        }
        Pointer params = Pointer.to(Pointer.to(c), Pointer.to(new int[] {n}));
        int grid = (n + BLOCK - 1) / BLOCK;
        JCudaDriver.cuLaunchKernel(kernels.mirrorLower, grid, grid, 1, BLOCK, BLOCK, 1, 0, null, params, null);
        return true;
    }

    /** The normal-equation kernels of one precision, or null (logged once) when they cannot be built. */
    private CudaKernels kernels(boolean single) {
        int p = single ? 0 : 1;
        if (kernelFailure[p] != null) {
            return null;
        }
        try {
            if (single) {
                if (floatKernels == null) {
                    floatKernels = new CudaKernels(true, cuda.computeMajor(), cuda.computeMinor());
                }
                return floatKernels;
            }
            if (doubleKernels == null) {
                doubleKernels = new CudaKernels(false, cuda.computeMajor(), cuda.computeMinor());
            }
            return doubleKernels;
        } catch (Throwable t) { // no NVRTC and no nvcc: with cuBLAS the host mirror is exact too
            kernelFailure[p] = t.toString();
            LOG.info("CUDA {} kernels unavailable ({}){}", single ? "float" : "double", t.toString(),
                    cublas ? "; mirroring JᵀJ on the host" : "");
            return null;
        }
    }

    /** The kernels the no-cuBLAS paths cannot do without. */
    private CudaKernels requiredKernels(boolean single) {
        CudaKernels k = kernels(single);
        if (k == null) {
            throw new IllegalStateException("no cuBLAS and the " + (single ? "float" : "double")
                    + " CUDA kernels could not be built: " + kernelFailure[single ? 0 : 1]);
        }
        return k;
    }
}
