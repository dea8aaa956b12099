package io.inverseface.core.coarse.device;

import io.inverseface.core.coarse.PoseBlock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The coarse stage's kernel texts ({@code *.cl} beside this class) with their compile-time constants.
 * The {@link io.inverseface.optim.backend.ComputeDevice} prepends the OpenCL or CUDA prelude, so one
 * text runs through JOCL (PoCL in CI) and NVRTC, and caches each program per device.
 */
public final class KernelSources {

    /** One-ring capacities are rounded up to this, so a fit compiles one program, not one per sample set. */
    private static final int RING_QUANTUM = 8;
    private static final Map<String, String> BODIES = new ConcurrentHashMap<>();

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

    /** {@code prior.cl}. */
    public static String prior() {
        return body("prior.cl");
    }

    private static String poseDefines() {
        return "#define POSE_TX " + PoseBlock.TX + "\n#define POSE_TY " + PoseBlock.TY + "\n#define POSE_SCALE "
                + PoseBlock.SCALE + "\n";
    }

    private static String body(String file) {
        return BODIES.computeIfAbsent(file, f -> {
            String resource = "/io/inverseface/core/coarse/device/" + f;
            try (InputStream in = KernelSources.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("kernel resource missing from the class path: " + resource);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read kernel resource " + resource, e);
            }
        });
    }
}
