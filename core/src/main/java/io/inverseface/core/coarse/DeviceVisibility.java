package io.inverseface.core.coarse;

import io.inverseface.compute.ComputeDevice;
import io.inverseface.compute.DeviceBuffer;
import io.inverseface.compute.DeviceBuffers;
import io.inverseface.compute.DeviceKernel;
import io.inverseface.core.fit.ModelKernels;
import io.inverseface.core.fit.PoseBlock;
import io.inverseface.core.fit.VertexMajorBases;
import io.inverseface.render.Pose;
import io.inverseface.render.VertexFaces;

/**
 * {@link io.inverseface.core.coarse.VisibleSamples#select} on the device ({@code visibility.cl}): the
 * model instance, vertex normals, a depth buffer of the whole head and the per-vertex tests run as
 * kernels; one flag per candidate vertex comes back, and the subsampling is done on the host exactly as
 * on the CPU ({@link VisibleSamples#spread}). The mesh tables (triangles, vertex-to-triangle lists, the candidates) are
 * device-resident per model; the per-fit buffers live until {@link #close()}.
 *
 * <p>Not thread-safe: one fit at a time.
 */
public final class DeviceVisibility implements AutoCloseable {

    private final ComputeDevice device;
    private final VertexMajorBases bases;
    private final int vertexCount;
    private final int triangleCount;
    private final int[] region;
    private final DeviceKernel positions, normals, project, clear, raster, select;
    private final DeviceBuffer meanShape, shape, triangles, vtStart, vtTriangles, regionBuffer;
    private final DeviceBuffers owned;
    private final DeviceBuffer pos, nrm, screen, flags, frame, coeffs;
    private final float[] frameHost = new float[12];
    private final float[] coeffHost;
    private final float[] flagsAsFloat;
    private DeviceBuffer depth;
    private long depthCapacity;

    /**
     * @param triangles the model's triangles (the whole head: it hides what is behind it)
     * @param region    the candidate vertices, in the order the CPU selection visits them
     */
    /** {@code visibility.cl} with the model's common kernels. */
    public static String source() {
        return ModelKernels.modelCommon() + ModelKernels.read(DeviceVisibility.class, "visibility.cl");
    }

    public DeviceVisibility(ComputeDevice device, VertexMajorBases bases, int[] triangles, int[] region) {
        this.device = device;
        this.bases = bases;
        this.vertexCount = bases.vertexCount();
        this.triangleCount = triangles.length / 3;
        this.region = region.clone();
        String src = source();
        positions = device.kernel(src, "all_positions");
        normals = device.kernel(src, "vertex_normals");
        project = device.kernel(src, "project");
        clear = device.kernel(src, "clear_depth");
        raster = device.kernel(src, "raster_depth");
        select = device.kernel(src, "select_visible");
        meanShape = device.constant(bases, "mean-shape", bases::meanShape);
        shape = device.constant(bases, "shape-modes", bases::shapeModes);
        // Per model (keyed by its bases, which live as long as the stage): the mesh and its incidence.
        this.triangles = device.constantInts(bases, "triangles", () -> triangles);
        VertexFaces vt = VertexFaces.of(triangles, vertexCount);
        vtStart = device.constantInts(bases, "vertex-triangle-start", vt::start);
        vtTriangles = device.constantInts(bases, "vertex-triangles", vt::faces);
        owned = new DeviceBuffers(device);
        try {
            regionBuffer = owned.ints(this.region);
            pos = owned.allocate(3L * vertexCount);
            nrm = owned.allocate(3L * vertexCount);
            screen = owned.allocate(3L * vertexCount);
            flags = owned.allocate(region.length);
            frame = owned.allocate(frameHost.length);
            coeffs = owned.allocate(bases.shapeModeCount());
        } catch (RuntimeException e) {
            owned.close();
            throw e;
        }
        coeffHost = new float[Math.max(1, bases.shapeModeCount())];
        flagsAsFloat = new float[Math.max(1, region.length)];
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
        for (int k = 0; k < 9; k++) {
            frameHost[k] = (float) r[k];
        }
        double s = pose[PoseBlock.SCALE] * levelScale;
        frameHost[9] = (float) s;
        frameHost[10] = (float) (pose[PoseBlock.TX] * levelScale);
        frameHost[11] = (float) (pose[PoseBlock.TY] * levelScale);
        long pixels = (long) width * height;
        if (depth == null || depthCapacity < pixels) {
            depth = owned.allocate(pixels);
            depthCapacity = pixels;
        }
        int kShape = bases.shapeModeCount();
        device.write(coeffs, 0, coeffHost, kShape);
        device.write(frame, 0, frameHost, frameHost.length);
        device.launch(positions, vertexCount, vertexCount, kShape, meanShape, shape, coeffs, pos);
        device.launch(normals, vertexCount, vertexCount, vtStart, vtTriangles, triangles, pos, nrm);
        device.launch(project, vertexCount, vertexCount, pos, frame, screen);
        device.launch(clear, (int) pixels, (int) pixels, depth);
        device.launch(raster, triangleCount, triangleCount, width, height, triangles, screen, depth);
        device.launch(select, region.length, region.length, regionBuffer, width, height,
                (float) (VisibleSamples.DEPTH_TOLERANCE_MM * Math.abs(s)), (float) VisibleSamples.MIN_FACING, screen, nrm,
                frame, depth, flags);
        // The flags are ints; read them through a float view of the same bits.
        device.read(flags, 0, flagsAsFloat, region.length);
        int[] chosen = new int[region.length];
        int count = 0;
        for (int i = 0; i < region.length; i++) {
            if (Float.floatToRawIntBits(flagsAsFloat[i]) != 0) {
                chosen[count++] = region[i];
            }
        }
        return VisibleSamples.spread(chosen, count, maxSamples, shift);
    }

    @Override
    public void close() {
        owned.close();
    }
}
