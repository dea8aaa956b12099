package io.inverseface.core.fit;

import io.inverseface.compute.KernelResources;

/**
 * What every face kernel shares: {@code model_common.cl} (the model's vertex and shading helpers) and the
 * pose frame's layout ({@link PoseFrame}, as {@code #define}s). A term's kernel text lives beside the term
 * ({@link #read}) and is put together with these by the term's device evaluator. The {@link io.inverseface.compute.ComputeDevice}
 * prepends the OpenCL or CUDA prelude, so one text runs through JOCL (PoCL in CI) and NVRTC, and caches
 * each program per device.
 */
public final class ModelKernels {

    private ModelKernels() {
    }

    /** {@code model_common.cl}. */
    public static String modelCommon() {
        return read(ModelKernels.class, "model_common.cl");
    }

    /** The kernel text {@code file} from the resource folder of {@code owner}'s package. */
    public static String read(Class<?> owner, String file) {
        return KernelResources.read("/" + owner.getPackageName().replace('.', '/') + "/" + file);
    }

    /** {@code #define POSE_TX / POSE_TY / POSE_SCALE}: where the pose frame keeps them. */
    public static String poseDefines() {
        return "#define POSE_TX " + PoseBlock.TX + "\n#define POSE_TY " + PoseBlock.TY + "\n#define POSE_SCALE "
                + PoseBlock.SCALE + "\n";
    }
}
