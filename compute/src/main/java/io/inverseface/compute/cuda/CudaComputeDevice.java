package io.inverseface.compute.cuda;

import io.inverseface.compute.AbstractComputeDevice;
import io.inverseface.compute.KernelDialect;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * A {@link io.inverseface.compute.ComputeDevice} on CUDA device 0 (JCuda driver API), in the device's
 * primary context, which cuBLAS and other code sharing the device use too. Kernels are compiled to PTX by
 * {@link CudaCompiler}. Needs only {@code libcuda.so.1}; the caller closes it.
 */
public final class CudaComputeDevice extends AbstractComputeDevice<CUdeviceptr> {

    /** Threads per block of one-dimensional {@link #launchKernel} launches. */
    private static final int THREADS = 128;

    private final CUdevice device = new CUdevice();
    private final CUcontext context = new CUcontext();
    private final String deviceName;
    private final int computeMajor;
    private final int computeMinor;
    private final int multiprocessors;
    /** Modules compiled for {@link #compileKernel}, by source text. */
    private final Map<String, CUmodule> modules = new HashMap<>();

    /** Opens device 0 and makes its primary context current; throws whatever JCuda throws when that fails. */
    public CudaComputeDevice() {
        super("CUDA", KernelDialect.CUDA);
        JCudaDriver.setExceptionsEnabled(true);
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
        int[] sm = new int[1];
        JCudaDriver.cuDeviceGetAttribute(sm, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, device);
        multiprocessors = Math.max(1, sm[0]);
        JCudaDriver.cuDevicePrimaryCtxRetain(context, device);
        try {
            JCudaDriver.cuCtxSetCurrent(context);
        } catch (RuntimeException | LinkageError e) {
            JCudaDriver.cuDevicePrimaryCtxRelease(device);
            throw e;
        }
    }

    /** The device's name, e.g. {@code "NVIDIA H100"}. */
    public String deviceName() {
        return deviceName;
    }

    /** Major compute capability (e.g. 9 for sm_90). */
    public int computeMajor() {
        return computeMajor;
    }

    /** Minor compute capability. */
    public int computeMinor() {
        return computeMinor;
    }

    /** Streaming multiprocessors, used to size the slices of reductions. */
    public int multiprocessors() {
        return multiprocessors;
    }

    @Override
    public String name() {
        return "cuda:" + deviceName;
    }

    @Override
    public void activate() {
        JCudaDriver.cuCtxSetCurrent(context);
    }

    @Override
    public CUdeviceptr allocateBytes(long bytes) {
        CUdeviceptr p = new CUdeviceptr();
        JCudaDriver.cuMemAlloc(p, bytes);
        return p;
    }

    @Override
    public void free(CUdeviceptr p) {
        JCudaDriver.cuMemFree(p);
    }

    @Override
    public void writeFloats(CUdeviceptr target, long offset, float[] source, int length) {
        JCudaDriver.cuMemcpyHtoD(target.withByteOffset(offset * Sizeof.FLOAT), Pointer.to(source),
                (long) Sizeof.FLOAT * length);
    }

    @Override
    public void writeInts(CUdeviceptr target, long offset, int[] source, int length) {
        JCudaDriver.cuMemcpyHtoD(target.withByteOffset(offset * Sizeof.INT), Pointer.to(source),
                (long) Sizeof.INT * length);
    }

    @Override
    public void writeDoubles(CUdeviceptr target, double[] source, int length) {
        JCudaDriver.cuMemcpyHtoD(target, Pointer.to(source), (long) Sizeof.DOUBLE * length);
    }

    /** Synchronous copy (cuMemcpyDtoH waits for the preceding work on the default stream). */
    @Override
    public void readFloats(CUdeviceptr source, long offset, float[] target, int length) {
        JCudaDriver.cuMemcpyDtoH(Pointer.to(target), source.withByteOffset(offset * Sizeof.FLOAT),
                (long) Sizeof.FLOAT * length);
    }

    /** Synchronous copy (cuMemcpyDtoH waits for the preceding work on the default stream). */
    @Override
    public void readDoubles(CUdeviceptr source, double[] target, int length) {
        JCudaDriver.cuMemcpyDtoH(Pointer.to(target), source, (long) Sizeof.DOUBLE * length);
    }

    @Override
    protected Object compileKernel(String source, String name) {
        CUmodule module = modules.get(source);
        if (module == null) {
            String ptx = CudaCompiler.ptx(source, name + ".cu", computeMajor, computeMinor);
            module = new CUmodule();
            JCudaDriver.cuModuleLoadData(module, ptx);
            modules.put(source, module);
        }
        CUfunction function = new CUfunction();
        JCudaDriver.cuModuleGetFunction(function, module, name);
        return function;
    }

    @Override
    protected void launchKernel(Object kernel, int workItems, Object[] args) {
        Pointer[] pointers = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof CUdeviceptr p) {
                pointers[i] = Pointer.to(p);
            } else if (a instanceof Float f) {
                pointers[i] = Pointer.to(new float[] {f});
            } else {
                pointers[i] = Pointer.to(new int[] {(Integer) a});
            }
        }
        int grid = (workItems + THREADS - 1) / THREADS;
        JCudaDriver.cuLaunchKernel((CUfunction) kernel, grid, 1, 1, THREADS, 1, 1, 0, null,
                Pointer.to(pointers), null);
    }

    @Override
    protected void releaseNative() {
        for (CUmodule m : modules.values()) {
            JCudaDriver.cuModuleUnload(m);
        }
        JCudaDriver.cuDevicePrimaryCtxRelease(device);
    }
}
