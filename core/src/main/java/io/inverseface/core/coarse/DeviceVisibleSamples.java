package io.inverseface.core.coarse;

import io.inverseface.compute.ComputeDevice;
import io.inverseface.compute.DeviceBuffer;
import io.inverseface.compute.DeviceBuffers;
import io.inverseface.compute.DeviceKernel;
import io.inverseface.core.fit.ModelKernels;
import io.inverseface.core.fit.PoseBlock;
import io.inverseface.core.fit.VertexMajorBases;
import io.inverseface.render.DeviceVisibility;
import io.inverseface.render.Pose;

/**
 * {@link VisibleSamples#select} on the device: the model instance is computed by a kernel
 * ({@code model_positions.cl}) and tested by render's {@link DeviceVisibility} (the z-buffer beside the
 * {@code Rasterizer}); the subsampling is done on the host exactly as on the CPU
 * ({@link VisibleSamples#spread}). The model's tables are device-resident per model (keyed by its bases);
 * the per-fit buffers live until {@link #close()}.
 *
 * <p>Not thread-safe: one fit at a time.
 */
public final class DeviceVisibleSamples implements AutoCloseable {

    private final ComputeDevice device;
    private final VertexMajorBases bases;
    private final int vertexCount;
    private final DeviceKernel positions;
    private final DeviceBuffer meanShape, shape;
    private final DeviceBuffers owned;
    private final DeviceBuffer pos, coeffs;
    private final DeviceVisibility visibility;
    private final float[] coeffHost;
    private final int[] chosen;

    /** {@code model_positions.cl} with the model's common kernels. */
    public static String source() {
        return ModelKernels.modelCommon() + ModelKernels.read(DeviceVisibleSamples.class, "model_positions.cl");
    }

    /**
     * @param triangles the model's triangles (the whole head: it hides what is behind it)
     * @param region    the candidate vertices, in the order the CPU selection visits them
     */
    public DeviceVisibleSamples(ComputeDevice device, VertexMajorBases bases, int[] triangles, int[] region) {
        this.device = device;
        this.bases = bases;
        this.vertexCount = bases.vertexCount();
        positions = device.kernel(source(), "all_positions");
        meanShape = device.constant(bases, "mean-shape", bases::meanShape);
        shape = device.constant(bases, "shape-modes", bases::shapeModes);
        owned = new DeviceBuffers(device);
        try {
            pos = owned.allocate(3L * vertexCount);
            coeffs = owned.allocate(bases.shapeModeCount());
            // The mesh tables are keyed by the bases too, which live as long as the stage.
            visibility = new DeviceVisibility(device, bases, triangles, vertexCount, region);
        } catch (RuntimeException e) {
            owned.close();
            throw e;
        }
        coeffHost = new float[Math.max(1, bases.shapeModeCount())];
        chosen = new int[region.length];
    }

    /** The same selection as the CPU's {@code VisibleSamples.select} for these parameters. */
    public int[] select(double[] identity, double[] expression, double[] pose, int width, int height, double levelScale,
                        int maxSamples) {
        return select(identity, expression, pose, width, height, levelScale, maxSamples, 0);
    }

    /** The same with the subset {@code shift} of {@link VisibleSamples#spread}. */
    public int[] select(double[] identity, double[] expression, double[] pose, int width, int height, double levelScale,
                        int maxSamples, int shift) {
        for (int k = 0; k < identity.length; k++) {
            coeffHost[k] = (float) identity[k];
        }
        for (int k = 0; k < expression.length; k++) {
            coeffHost[identity.length + k] = (float) expression[k];
        }
        double[] r = new double[9];
        Pose.rotation(pose[PoseBlock.PITCH], pose[PoseBlock.YAW], pose[PoseBlock.ROLL], r);
        double s = pose[PoseBlock.SCALE] * levelScale;
        int kShape = bases.shapeModeCount();
        device.write(coeffs, 0, coeffHost, kShape);
        device.launch(positions, vertexCount, vertexCount, kShape, meanShape, shape, coeffs, pos);
        int count = visibility.select(pos, r, s, pose[PoseBlock.TX] * levelScale, pose[PoseBlock.TY] * levelScale,
                width, height, VisibleSamples.DEPTH_TOLERANCE_MM * Math.abs(s), VisibleSamples.MIN_FACING, chosen);
        return VisibleSamples.spread(chosen, count, maxSamples, shift);
    }

    @Override
    public void close() {
        visibility.close();
        owned.close();
    }
}
