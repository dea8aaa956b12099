package io.inverseface.core.coarse.device;

import io.inverseface.core.coarse.PoseBlock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The photo-consistency kernel text ({@code photo_consistency.cl}) with a per-dialect prelude, so that
 * the same source compiles as OpenCL C and, through NVRTC, as CUDA C (the macro approach of
 * {@code io.inverseface.optim.backend.opencl.KernelSource}).
 */
public final class PhotoConsistencyKernelSource {

    private static final String RESOURCE = "/io/inverseface/core/coarse/device/photo_consistency.cl";

    private static final String OPENCL_PRELUDE = String.join("\n",
            "#define KERNEL __kernel",
            "#define GLOBAL __global",
            "#define GLOBAL_ID(d) get_global_id(d)",
            "#define SQRT(x) sqrt(x)",
            "");

    private static final String CUDA_PRELUDE = String.join("\n",
            "#define KERNEL extern \"C\" __global__",
            "#define GLOBAL",
            "#define AXIS_(d, v) ((d) == 0 ? v.x : ((d) == 1 ? v.y : v.z))",
            "#define GLOBAL_ID(d) (AXIS_(d, blockIdx) * AXIS_(d, blockDim) + AXIS_(d, threadIdx))",
            "#define SQRT(x) sqrtf(x)",
            "");

    private PhotoConsistencyKernelSource() {
    }

    /** OpenCL C text for rings of at most {@code maxRing} vertices. */
    public static String openCl(int maxRing) {
        return OPENCL_PRELUDE + defines(maxRing) + body();
    }

    /** CUDA C text (for NVRTC) for rings of at most {@code maxRing} vertices. */
    public static String cuda(int maxRing) {
        return CUDA_PRELUDE + defines(maxRing) + body();
    }

    private static String defines(int maxRing) {
        return "#define MAX_RING " + Math.max(1, maxRing) + "\n#define POSE_TX " + PoseBlock.TX
                + "\n#define POSE_TY " + PoseBlock.TY + "\n#define POSE_SCALE " + PoseBlock.SCALE + "\n";
    }

    private static String body() {
        try (InputStream in = PhotoConsistencyKernelSource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("kernel resource missing from the class path: " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kernel resource " + RESOURCE, e);
        }
    }
}
