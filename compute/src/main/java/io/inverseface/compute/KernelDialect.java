package io.inverseface.compute;

/**
 * The two C dialects our kernels are compiled as. Every kernel source is written once in their common
 * subset; the device prepends {@link #prelude()}, which defines {@code KERNEL}, {@code GLOBAL},
 * {@code LOCAL}, {@code BARRIER()}, {@code GLOBAL_ID(d)}, {@code LOCAL_ID(d)}, {@code GROUP_ID(d)} and
 * {@code SQRT(x)}, {@code EXP(x)}, {@code FLOOR(x)} (float), {@code FLOAT_BITS(x)} / {@code BITS_FLOAT(x)}
 * (reinterpretation as {@code unsigned int}), {@code ATOMIC_MIN_U32(p, v)} (on global memory) and
 * {@code DEVICE_FN} (in front of helper functions that kernels call), so the same text runs through JOCL and, via NVRTC, through JCuda.
 */
public enum KernelDialect {
    OPENCL(String.join("\n",
            "#define KERNEL __kernel",
            "#define GLOBAL __global",
            "#define LOCAL __local",
            "#define BARRIER() barrier(CLK_LOCAL_MEM_FENCE)",
            "#define GLOBAL_ID(d) get_global_id(d)",
            "#define LOCAL_ID(d) get_local_id(d)",
            "#define GROUP_ID(d) get_group_id(d)",
            "#define SQRT(x) sqrt(x)",
            "#define EXP(x) exp(x)",
            "#define FLOOR(x) floor(x)",
            "#define FLOAT_BITS(x) as_uint(x)",
            "#define BITS_FLOAT(x) as_float(x)",
            "#define ATOMIC_MIN_U32(p, v) atomic_min(p, v)",
            "#define DEVICE_FN",
            "")),
    CUDA(String.join("\n",
            "#define KERNEL extern \"C\" __global__",
            "#define GLOBAL",
            "#define LOCAL __shared__",
            "#define BARRIER() __syncthreads()",
            "#define AXIS_(d, v) ((d) == 0 ? v.x : ((d) == 1 ? v.y : v.z))",
            "#define LOCAL_ID(d) AXIS_(d, threadIdx)",
            "#define GROUP_ID(d) AXIS_(d, blockIdx)",
            "#define GLOBAL_ID(d) (GROUP_ID(d) * AXIS_(d, blockDim) + LOCAL_ID(d))",
            "#define SQRT(x) sqrtf(x)",
            "#define EXP(x) expf(x)",
            "#define FLOOR(x) floorf(x)",
            "#define FLOAT_BITS(x) __float_as_uint(x)",
            "#define BITS_FLOAT(x) __uint_as_float(x)",
            "#define ATOMIC_MIN_U32(p, v) atomicMin(p, v)",
            "#define DEVICE_FN __device__",
            ""));

    private final String prelude;

    KernelDialect(String prelude) {
        this.prelude = prelude;
    }

    /** The macro prelude to put in front of a kernel source written in the common subset. */
    public String prelude() {
        return prelude;
    }
}
