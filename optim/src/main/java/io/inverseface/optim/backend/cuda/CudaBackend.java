package io.inverseface.optim.backend.cuda;

import io.inverseface.optim.backend.Backend;
import io.inverseface.optim.backend.BackendUnavailableException;
import io.inverseface.optim.backend.DenseJacobian;
import io.inverseface.optim.backend.LinearAlgebraBackend;
import io.inverseface.optim.backend.cpu.CpuBackend;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
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
 * <p>Uses the device's primary context, which cuBLAS shares.
 */
public final class CudaBackend implements LinearAlgebraBackend {

    private static final Logger LOG = LoggerFactory.getLogger(CudaBackend.class);
    private static final int BLOCK = 16;
    private static final Pattern MISSING_LIBRARY =
            Pattern.compile("(lib[\\w.+-]+\\.so[\\w.]*): cannot open shared object file");

    private final CUdevice device = new CUdevice();
    private final CUcontext context = new CUcontext();
    private final cublasHandle handle = new cublasHandle();
    private final String deviceName;
    private final int computeMajor;
    private final int computeMinor;
    private final CpuBackend hostSolver = new CpuBackend(1);
    private final List<CudaDenseJacobian> live = new ArrayList<>();
    private final Scratch vectorIn = new Scratch();
    private final Scratch vectorOut = new Scratch();
    private final Scratch gramOut = new Scratch();
    private CudaKernels floatKernels;
    private CudaKernels doubleKernels;
    private boolean nvrtcUnavailable;
    private float[] hostFloats = new float[0];
    private float[] hostFloatsOut = new float[0];
    private boolean closed;

    private CudaBackend() {
        JCudaDriver.setExceptionsEnabled(true);
        JCublas2.setExceptionsEnabled(true);
        JCudaDriver.cuInit(0);
        int[] count = new int[1];
        JCudaDriver.cuDeviceGetCount(count);
        if (count[0] < 1) {
            throw new IllegalStateException("no CUDA device");
        }
        JCudaDriver.cuDeviceGet(device, 0);
        byte[] name = new byte[256];
        JCudaDriver.cuDeviceGetName(name, name.length, device);
        int end = 0;
        while (end < name.length && name[end] != 0) {
            end++;
        }
        deviceName = new String(name, 0, end, StandardCharsets.UTF_8).trim();
        int[] major = new int[1];
        int[] minor = new int[1];
        JCudaDriver.cuDeviceComputeCapability(major, minor, device);
        computeMajor = major[0];
        computeMinor = minor[0];
        JCudaDriver.cuDevicePrimaryCtxRetain(context, device);
        try {
            JCudaDriver.cuCtxSetCurrent(context);
            JCublas2.cublasCreate(handle);
        } catch (RuntimeException | LinkageError e) {
            JCudaDriver.cuDevicePrimaryCtxRelease(device);
            throw e;
        }
    }

    /**
     * Opens CUDA device 0.
     *
     * @throws BackendUnavailableException without a driver ({@code libcuda.so.1}), device or cuBLAS
     */
    public static CudaBackend open() {
        try {
            return new CudaBackend();
        } catch (Throwable t) { // UnsatisfiedLinkError, CudaException, NoClassDefFoundError, ...
            throw new BackendUnavailableException(Backend.CUDA, conciseReason(t), t);
        }
    }

    /**
     * One line for logs: JCuda's linkage errors carry pages of nested stack traces, but the useful
     * part is which shared library could not be opened (e.g. {@code libcuda.so.1}: no driver).
     */
    static String conciseReason(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage();
        Matcher missing = MISSING_LIBRARY.matcher(message);
        if (missing.find()) {
            return missing.group(1) + " not found (" + t.getClass().getSimpleName()
                    + (missing.group(1).startsWith("libcuda.") ? "; no NVIDIA driver" : "; CUDA toolkit library missing") + ")";
        }
        int newline = message.indexOf('\n');
        String first = newline >= 0 ? message.substring(0, newline) : message;
        if (first.length() > 200) {
            first = first.substring(0, 200) + "…";
        }
        return t.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
    }

    @Override
    public String name() {
        return "cuda:" + deviceName;
    }

    @Override
    public Backend kind() {
        return Backend.CUDA;
    }

    @Override
    public DenseJacobian upload(double[] jacobian, int rows, int cols) {
        checkOpen();
        checkShape(jacobian.length, rows, cols);
        CUdeviceptr p = new CUdeviceptr();
        long bytes = (long) Sizeof.DOUBLE * jacobian.length;
        JCudaDriver.cuMemAlloc(p, bytes);
        JCudaDriver.cuMemcpyHtoD(p, Pointer.to(jacobian), bytes);
        return track(new CudaDenseJacobian(this, rows, cols, false, p));
    }

    @Override
    public DenseJacobian upload(float[] jacobian, int rows, int cols) {
        checkOpen();
        checkShape(jacobian.length, rows, cols);
        CUdeviceptr p = new CUdeviceptr();
        long bytes = (long) Sizeof.FLOAT * jacobian.length;
        JCudaDriver.cuMemAlloc(p, bytes);
        JCudaDriver.cuMemcpyHtoD(p, Pointer.to(jacobian), bytes);
        return track(new CudaDenseJacobian(this, rows, cols, true, p));
    }

    @Override
    public void normalEquations(DenseJacobian jacobian, double[] residuals, double[] jtj, double[] jtr) {
        CudaDenseJacobian j = own(jacobian);
        int m = j.rows;
        int n = j.cols;
        checkLength("residuals", residuals.length, m);
        checkLength("jtj", jtj.length, (long) n * n);
        checkLength("jtr", jtr.length, n);
        boolean single = j.singlePrecision;
        int bytes = single ? Sizeof.FLOAT : Sizeof.DOUBLE;
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
        CUdeviceptr in = writeVector(residuals, single);
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
    public void multiply(DenseJacobian jacobian, double[] v, double[] out) {
        CudaDenseJacobian j = own(jacobian);
        checkLength("v", v.length, j.cols);
        checkLength("out", out.length, j.rows);
        int bytes = j.singlePrecision ? Sizeof.FLOAT : Sizeof.DOUBLE;
        CUdeviceptr in = writeVector(v, j.singlePrecision);
        CUdeviceptr result = vectorOut.ensure((long) j.rows * bytes);
        gemv(j.singlePrecision, cublasOperation.CUBLAS_OP_T, j, in, result);
        readBack(result, j.singlePrecision, out, j.rows);
    }

    @Override
    public void multiplyTransposed(DenseJacobian jacobian, double[] u, double[] out) {
        CudaDenseJacobian j = own(jacobian);
        checkLength("u", u.length, j.rows);
        checkLength("out", out.length, j.cols);
        int bytes = j.singlePrecision ? Sizeof.FLOAT : Sizeof.DOUBLE;
        CUdeviceptr in = writeVector(u, j.singlePrecision);
        CUdeviceptr result = vectorOut.ensure((long) j.cols * bytes);
        gemv(j.singlePrecision, cublasOperation.CUBLAS_OP_N, j, in, result);
        readBack(result, j.singlePrecision, out, j.cols);
    }

    @Override
    public boolean solveSymmetricPositiveDefinite(double[] a, int n, double[] b, double[] x) {
        // Host Cholesky on the small n×n system (no cuSOLVER dependency).
        return hostSolver.solveSymmetricPositiveDefinite(a, n, b, x);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        makeCurrent();
        for (CudaDenseJacobian j : new ArrayList<>(live)) {
            j.close();
        }
        vectorIn.release();
        vectorOut.release();
        gramOut.release();
        if (floatKernels != null) {
            floatKernels.close();
        }
        if (doubleKernels != null) {
            doubleKernels.close();
        }
        JCublas2.cublasDestroy(handle);
        JCudaDriver.cuDevicePrimaryCtxRelease(device);
        hostSolver.close();
    }

    void makeCurrent() {
        JCudaDriver.cuCtxSetCurrent(context);
    }

    void forget(CudaDenseJacobian j) {
        live.remove(j);
    }

    /** y = op(Jc)·x, Jc the n×m column-major view of J (op N: length n result; op T: length m). */
    private void gemv(boolean single, int op, CudaDenseJacobian j, CUdeviceptr x, CUdeviceptr y) {
        if (single) {
            JCublas2.cublasSgemv(handle, op, j.cols, j.rows, Pointer.to(new float[] {1f}), j.pointer(), j.cols,
                    x, 1, Pointer.to(new float[] {0f}), y, 1);
        } else {
            JCublas2.cublasDgemv(handle, op, j.cols, j.rows, Pointer.to(new double[] {1d}), j.pointer(), j.cols,
                    x, 1, Pointer.to(new double[] {0d}), y, 1);
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

    private CudaKernels kernels(boolean single) {
        if (nvrtcUnavailable) {
            return null;
        }
        try {
            if (single) {
                if (floatKernels == null) {
                    floatKernels = new CudaKernels(true, computeMajor, computeMinor);
                }
                return floatKernels;
            }
            if (doubleKernels == null) {
                doubleKernels = new CudaKernels(false, computeMajor, computeMinor);
            }
            return doubleKernels;
        } catch (Throwable t) { // libnvrtc missing or compile failure: the host mirror is exact too
            nvrtcUnavailable = true;
            LOG.info("CUDA kernels unavailable ({}); mirroring JᵀJ on the host", t.toString());
            return null;
        }
    }

    private CUdeviceptr writeVector(double[] v, boolean single) {
        if (single) {
            if (hostFloats.length < v.length) {
                hostFloats = new float[v.length];
            }
            for (int i = 0; i < v.length; i++) {
                hostFloats[i] = (float) v[i];
            }
            CUdeviceptr p = vectorIn.ensure((long) Sizeof.FLOAT * v.length);
            JCudaDriver.cuMemcpyHtoD(p, Pointer.to(hostFloats), (long) Sizeof.FLOAT * v.length);
            return p;
        }
        CUdeviceptr p = vectorIn.ensure((long) Sizeof.DOUBLE * v.length);
        JCudaDriver.cuMemcpyHtoD(p, Pointer.to(v), (long) Sizeof.DOUBLE * v.length);
        return p;
    }

    /** Synchronous copy (cuMemcpyDtoH waits for the preceding work on the default stream). */
    private void readBack(CUdeviceptr p, boolean single, double[] target, int length) {
        if (single) {
            if (hostFloatsOut.length < length) {
                hostFloatsOut = new float[length];
            }
            JCudaDriver.cuMemcpyDtoH(Pointer.to(hostFloatsOut), p, (long) Sizeof.FLOAT * length);
            for (int i = 0; i < length; i++) {
                target[i] = hostFloatsOut[i];
            }
        } else {
            JCudaDriver.cuMemcpyDtoH(Pointer.to(target), p, (long) Sizeof.DOUBLE * length);
        }
    }

    private CudaDenseJacobian own(DenseJacobian jacobian) {
        checkOpen();
        if (!(jacobian instanceof CudaDenseJacobian j) || j.owner != this) {
            throw new IllegalArgumentException("the Jacobian was not uploaded by this CUDA backend");
        }
        makeCurrent();
        return j;
    }

    private CudaDenseJacobian track(CudaDenseJacobian j) {
        live.add(j);
        return j;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the CUDA backend was closed");
        }
        makeCurrent();
    }

    private static void checkShape(int length, int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("Jacobian shape must be at least 1×1, got " + rows + "×" + cols);
        }
        if ((long) rows * cols != length) {
            throw new IllegalArgumentException("Jacobian array has " + length + " values, expected rows·cols = "
                    + rows + "·" + cols + " = " + (long) rows * cols);
        }
    }

    private static void checkLength(String what, int actual, long expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(what + " has length " + actual + ", expected " + expected);
        }
    }

    /** A device buffer that grows on demand and is reused across calls. */
    private static final class Scratch {
        CUdeviceptr pointer;
        long capacity;

        CUdeviceptr ensure(long bytes) {
            if (pointer == null || capacity < bytes) {
                release();
                pointer = new CUdeviceptr();
                JCudaDriver.cuMemAlloc(pointer, Math.max(bytes, 8));
                capacity = bytes;
            }
            return pointer;
        }

        void release() {
            if (pointer != null) {
                JCudaDriver.cuMemFree(pointer);
                pointer = null;
                capacity = 0;
            }
        }
    }
}
