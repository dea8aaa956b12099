package io.inverseface.optim.backend.opencl;

import io.inverseface.compute.KernelDialect;
import io.inverseface.compute.KernelResources;


/**
 * The one kernel source ({@code kernels/normal_equations.cl}) shared by the OpenCL and CUDA
 * backends, behind the {@link KernelDialect} prelude so that the same text compiles as OpenCL C
 * and, through NVRTC, as CUDA C.
 */
public final class KernelSource {

    /** Edge of the square work-group tile of the Gram kernel (work-group = TILE×TILE). */
    public static final int TILE = 16;

    /** Work-group size (a power of two) of the row-per-group {@code product} kernel (J·v). */
    public static final int PRODUCT_GROUP = 64;

    private static final String RESOURCE = "/io/inverseface/optim/kernels/normal_equations.cl";

    private KernelSource() {
    }

    /** OpenCL C text, with {@code REAL} = float or double (the latter enables cl_khr_fp64). */
    public static String openCl(boolean singlePrecision) {
        String real = singlePrecision
                ? "#define REAL float\n"
                : "#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n#define REAL double\n";
        return KernelDialect.OPENCL.prelude() + real + defines() + body();
    }

    /** CUDA C text for NVRTC, with {@code REAL} = float or double. */
    public static String cuda(boolean singlePrecision) {
        String real = "#define REAL " + (singlePrecision ? "float" : "double") + "\n";
        return KernelDialect.CUDA.prelude() + real + defines() + body();
    }

    private static String defines() {
        return "#define TILE " + TILE + "\n#define PRODUCT_GROUP " + PRODUCT_GROUP + "\n";
    }

    private static String body() {
        return KernelResources.read(RESOURCE);
    }
}
