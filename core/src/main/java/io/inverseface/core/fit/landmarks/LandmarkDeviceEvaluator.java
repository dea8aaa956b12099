package io.inverseface.core.fit.landmarks;

import io.inverseface.compute.ComputeDevice;
import io.inverseface.compute.DeviceBuffer;
import io.inverseface.compute.DeviceBuffers;
import io.inverseface.compute.DeviceKernel;
import io.inverseface.core.fit.ModelKernels;
import io.inverseface.core.fit.PoseFrame;
import io.inverseface.core.fit.Projection;
import io.inverseface.core.fit.VertexMajorBases;
import io.inverseface.optim.device.DeviceTermEvaluator;

/**
 * The device side of {@link io.inverseface.core.fit.landmarks.LandmarkTerm} ({@code landmarks.cl}): the
 * model tables are the device-resident ones the photo-consistency kernels use; a bind uploads the 68
 * vertices, targets, weights and contour normals; an evaluation uploads the pose frame and the shape
 * coefficients.
 */
public final class LandmarkDeviceEvaluator implements DeviceTermEvaluator {

    private final ComputeDevice device;
    private final int count;
    private final int kId, kExp;
    private final float[] params;
    private final DeviceKernel kernel;
    private final DeviceBuffer meanShape, shape;
    private final DeviceBuffer vertices, targets, weights, normals, paramsBuffer;
    private final DeviceBuffers owned;
    private final Projection projection;

    /**
     * @param targets      interleaved x, y per landmark (full-resolution pixels)
     * @param pointWeights per landmark, already including the term's normalisation
     * @param normals      per landmark a unit 2D contour normal, or (0, 0) for an ordinary point
     */
    /** {@code landmarks.cl} with the model's common kernels. */
    public static String source() {
        return ModelKernels.poseDefines() + ModelKernels.modelCommon()
                + ModelKernels.read(LandmarkDeviceEvaluator.class, "landmarks.cl");
    }

    public LandmarkDeviceEvaluator(ComputeDevice device, VertexMajorBases bases, int[] vertices, float[] targets,
                                   float[] pointWeights, float[] normals, Projection projection) {
        this.device = device;
        this.projection = projection;
        this.count = vertices.length;
        this.kId = bases.identityCount();
        this.kExp = bases.expressionCount();
        this.params = new float[PoseFrame.SIZE + kId + kExp];
        this.kernel = device.kernel(source(), "landmarks");
        this.meanShape = device.constant(bases, "mean-shape", bases::meanShape);
        this.shape = device.constant(bases, "shape-modes", bases::shapeModes);
        this.owned = new DeviceBuffers(device);
        try {
            this.vertices = owned.ints(vertices);
            this.targets = owned.floats(targets);
            this.weights = owned.floats(pointWeights);
            this.normals = owned.floats(normals);
            this.paramsBuffer = owned.allocate(params.length);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public boolean evaluate(double[][] blocks, DeviceBuffer residuals, DeviceBuffer jacobian, int rowOffset, int ld,
                            int[] columnOffsets, double scale) {
        if (!PoseFrame.fill(blocks[0], 1.0, projection, params)) {
            return false;
        }
        int o = PoseFrame.append(blocks[1], params, PoseFrame.SIZE);
        if (o < 0 || PoseFrame.append(blocks[2], params, o) < 0) {
            return false;
        }
        device.write(paramsBuffer, 0, params, params.length);
        boolean wantJ = jacobian != null;
        device.launch(kernel, count, count, kId, kExp, wantJ ? 1 : 0, (float) scale, rowOffset, ld, columnOffsets[0],
                columnOffsets[1], columnOffsets[2], vertices, targets, weights, normals, meanShape, shape, paramsBuffer,
                residuals, wantJ ? jacobian : residuals);
        return true;
    }

    @Override
    public void close() {
        owned.close();
    }
}
