package io.inverseface.core.coarse.device;

import io.inverseface.core.coarse.PoseBlock;
import io.inverseface.optim.backend.KernelResources;

/**
 * The coarse stage's kernel texts ({@code *.cl} beside this class) with their compile-time constants.
 * The {@link io.inverseface.optim.backend.ComputeDevice} prepends the OpenCL or CUDA prelude, so one
 * text runs through JOCL (PoCL in CI) and NVRTC, and caches each program per device.
 */
public final class KernelSources {

    /** One-ring capacities are rounded up to this, so a fit compiles one program, not one per sample set. */
    private static final int RING_QUANTUM = 8;

    private KernelSources() {
    }

    /** {@code photo_consistency.cl} for one-rings of at most {@code maxRing} vertices. */
    public static String photoConsistency(int maxRing) {
        int ring = Math.max(1, (maxRing + RING_QUANTUM - 1) / RING_QUANTUM) * RING_QUANTUM;
        return "#define MAX_RING " + ring + "\n" + poseDefines() + body("model_common.cl") + body("photo_consistency.cl");
    }

    /** {@code landmarks.cl}. */
    public static String landmarks() {
        return poseDefines() + body("model_common.cl") + body("landmarks.cl");
    }

    /** {@code visibility.cl}. */
    public static String visibility() {
        return body("model_common.cl") + body("visibility.cl");
    }

    private static String poseDefines() {
        return "#define POSE_TX " + PoseBlock.TX + "\n#define POSE_TY " + PoseBlock.TY + "\n#define POSE_SCALE "
                + PoseBlock.SCALE + "\n";
    }

    private static String body(String file) {
        return KernelResources.read("/io/inverseface/core/coarse/device/" + file);
    }
}
