package io.inverseface.core.fit.photometric;

import io.inverseface.compute.ComputeDevice;
import io.inverseface.compute.DeviceBuffer;
import io.inverseface.compute.DeviceBuffers;
import io.inverseface.compute.DeviceKernel;
import io.inverseface.core.fit.ModelKernels;
import io.inverseface.core.fit.PoseFrame;
import io.inverseface.core.fit.Projection;
import io.inverseface.core.fit.VertexMajorBases;
import io.inverseface.optim.device.DeviceTermEvaluator;
import io.inverseface.render.RgbImage;
import io.inverseface.render.SphericalHarmonicsLighting;

/**
 * The device side of {@link io.inverseface.core.fit.photometric.PhotoConsistencyTerm}: same residuals and
 * Jacobian, in float, written by the kernels of {@code photo_consistency.cl} straight into the solver's
 * device arrays.
 *
 * <p>What stays on the device: the model's bases and means (one upload per model and device, shared
 * by every fit) and each pyramid level's pixels (one upload per image object, freed once the image is
 * garbage: its pixels must not change while it is in use; the coarse stage fits a private copy). What a solve uploads when it
 * binds: the sample set's one-ring tables and weights (a few tens of kB). What each evaluation
 * uploads: the parameter blocks with the rotation and its derivatives (under 1 kB).
 */
public final class PhotoConsistencyDeviceEvaluator implements DeviceTermEvaluator {

    private static final float[] SH_CONSTANTS = shConstants();

    private final ComputeDevice device;
    private final int sampleCount;
    private final int neededCount;
    private final int kId, kExp, kAlb;
    private final int width, height;
    private final double levelScale;
    private final float[] params;
    private final DeviceKernel positionsKernel;
    private final DeviceKernel sampleKernel;
    private final DeviceBuffer meanShape, shape, meanAlbedo, albedoModes, image;
    private final DeviceBuffer needed, sampleLocal, ringStart, ringLocal, faceStart, faceCorners, weights;
    private final DeviceBuffer positions, paramsBuffer;
    private final DeviceBuffers owned;
    private final Projection projection;

    /**
     * @param sampleWeights per-sample factors (already including the term's 1/√|P|), one per sample
     */
    /** One-ring capacities are rounded up to this, so a fit compiles one program, not one per sample set. */
    private static final int RING_QUANTUM = 8;

    /** {@code photo_consistency.cl} for one-rings of at most {@code maxRing} vertices. */
    public static String source(int maxRing) {
        int ring = Math.max(1, (maxRing + RING_QUANTUM - 1) / RING_QUANTUM) * RING_QUANTUM;
        return "#define MAX_RING " + ring + "\n" + ModelKernels.poseDefines() + ModelKernels.modelCommon()
                + ModelKernels.read(PhotoConsistencyDeviceEvaluator.class, "photo_consistency.cl");
    }

    public PhotoConsistencyDeviceEvaluator(ComputeDevice device, VertexMajorBases bases, SampleRings rings,
                                           RgbImage image, double levelScale, Projection projection,
                                           float[] sampleWeights) {
        this.device = device;
        this.projection = projection;
        this.sampleCount = rings.sampleLocal().length;
        this.neededCount = rings.needed().length;
        this.kId = bases.identityCount();
        this.kExp = bases.expressionCount();
        this.kAlb = bases.albedoCount();
        this.width = image.width();
        this.height = image.height();
        this.levelScale = levelScale;
        if (sampleWeights.length != sampleCount) {
            throw new IllegalArgumentException("need one weight per sample");
        }
        this.params = new float[PoseFrame.SIZE + kId + kExp + kAlb + SphericalHarmonicsLighting.COEFFICIENT_COUNT];
        String source = source(rings.maxRing());
        positionsKernel = device.kernel(source, "positions");
        sampleKernel = device.kernel(source, "photo_consistency");
        meanShape = device.constant(bases, "mean-shape", bases::meanShape);
        shape = device.constant(bases, "shape-modes", bases::shapeModes);
        meanAlbedo = device.constant(bases, "mean-albedo", bases::meanAlbedo);
        albedoModes = device.constant(bases, "albedo-modes", bases::albedoModes);
        this.image = device.constant(image, "planar-rgb", () -> planar(image));
        this.owned = new DeviceBuffers(device);
        try {
            needed = owned.ints(rings.needed());
            sampleLocal = owned.ints(rings.sampleLocal());
            ringStart = owned.ints(rings.ringStart());
            ringLocal = owned.ints(rings.ringLocal());
            faceStart = owned.ints(rings.faceStart());
            faceCorners = owned.ints(rings.faceCorners());
            weights = owned.floats(sampleWeights);
            positions = owned.allocate(3L * neededCount);
            paramsBuffer = owned.allocate(params.length);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public boolean evaluate(double[][] blocks, DeviceBuffer residuals, DeviceBuffer jacobian, int rowOffset, int ld,
                            int[] columnOffsets, double scale) {
        if (!PoseFrame.fill(blocks[0], levelScale, projection, params)) {
            return false;
        }
        System.arraycopy(SH_CONSTANTS, 0, params, 40, SH_CONSTANTS.length);
        int o = PoseFrame.SIZE;
        for (int b = 1; b <= 4 && o >= 0; b++) {
            o = PoseFrame.append(blocks[b], params, o);
        }
        if (o < 0) {
            return false;
        }
        device.write(paramsBuffer, 0, params, params.length);
        device.launch(positionsKernel, neededCount, neededCount, kId, kExp, needed, meanShape, shape, paramsBuffer,
                positions);
        boolean wantJ = jacobian != null;
        device.launch(sampleKernel, sampleCount, sampleCount, kId, kExp, kAlb, width, height, wantJ ? 1 : 0,
                (float) scale, rowOffset, ld, columnOffsets[0], columnOffsets[1], columnOffsets[2], columnOffsets[3],
                columnOffsets[4], needed, sampleLocal, ringStart, ringLocal, faceStart, faceCorners, positions, shape,
                meanAlbedo, albedoModes, image, weights, paramsBuffer, residuals, wantJ ? jacobian : residuals);
        return true;
    }

    @Override
    public void close() {
        owned.close();
    }

    private static float[] planar(RgbImage image) {
        int plane = image.width() * image.height();
        float[] pixels = new float[3 * plane];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(image.channel(c), 0, pixels, c * plane, plane);
        }
        return pixels;
    }

    /** The SH basis constants c0, c1, c2, c20, c22 read off {@link SphericalHarmonicsLighting#basis}. */
    private static float[] shConstants() {
        double[] phi = new double[9];
        SphericalHarmonicsLighting.basis(1, 1, 1, phi);
        double c0 = phi[0], c1 = phi[1], c2 = phi[4];
        SphericalHarmonicsLighting.basis(0, 0, 1, phi);
        double c20 = phi[6] / 2;
        SphericalHarmonicsLighting.basis(1, 0, 0, phi);
        double c22 = phi[8];
        return new float[] {(float) c0, (float) c1, (float) c2, (float) c20, (float) c22};
    }
}
