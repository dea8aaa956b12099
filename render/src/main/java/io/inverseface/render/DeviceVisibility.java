package io.inverseface.render;

import io.inverseface.compute.ComputeDevice;
import io.inverseface.compute.DeviceBuffer;
import io.inverseface.compute.DeviceBuffers;
import io.inverseface.compute.DeviceKernel;
import io.inverseface.compute.KernelResources;

/**
 * Which candidate vertices of a mesh a weak-perspective camera sees, on a {@link ComputeDevice}
 * ({@code visibility.cl}): vertex normals, a depth buffer of the whole mesh rasterised with
 * {@link Rasterizer}'s conventions, and per candidate a depth and a facing test, all as kernels; one flag
 * per candidate comes back. The vertex positions are already on the device (the caller computes them
 * there, e.g. from a shape model). The mesh tables (triangles, vertex-to-triangle lists) are
 * device-resident per mesh owner; the per-camera buffers live until {@link #close()}.
 *
 * <p>Not thread-safe: one test at a time.
 */
public final class DeviceVisibility implements AutoCloseable {

    private static final String RESOURCE = "/io/inverseface/render/visibility.cl";

    private final ComputeDevice device;
    private final int vertexCount;
    private final int triangleCount;
    private final int[] candidates;
    private final DeviceKernel normals, project, clear, raster, select;
    private final DeviceBuffer triangles, vtStart, vtTriangles, candidateBuffer;
    private final DeviceBuffers owned;
    private final DeviceBuffer nrm, screen, flags, frame;
    private final float[] frameHost = new float[12];
    private final float[] flagsAsFloat;
    private DeviceBuffer depth;
    private long depthCapacity;

    /** {@code visibility.cl}. */
    public static String source() {
        return KernelResources.read(RESOURCE);
    }

    /**
     * @param owner       the mesh's owner, which keys its device-resident tables (they live while it does)
     * @param triangles   the mesh's triangles (all of them: they hide what is behind them)
     * @param vertexCount the mesh's vertex count
     * @param candidates  the vertices to test, in the order {@link #select} reports them
     */
    public DeviceVisibility(ComputeDevice device, Object owner, int[] triangles, int vertexCount, int[] candidates) {
        this.device = device;
        this.vertexCount = vertexCount;
        this.triangleCount = triangles.length / 3;
        this.candidates = candidates.clone();
        String src = source();
        normals = device.kernel(src, "vertex_normals");
        project = device.kernel(src, "project");
        clear = device.kernel(src, "clear_depth");
        raster = device.kernel(src, "raster_depth");
        select = device.kernel(src, "select_visible");
        this.triangles = device.constantInts(owner, "triangles", () -> triangles);
        VertexFaces vt = VertexFaces.of(triangles, vertexCount);
        vtStart = device.constantInts(owner, "vertex-triangle-start", vt::start);
        vtTriangles = device.constantInts(owner, "vertex-triangles", vt::faces);
        owned = new DeviceBuffers(device);
        try {
            candidateBuffer = owned.ints(this.candidates);
            nrm = owned.allocate(3L * vertexCount);
            screen = owned.allocate(3L * vertexCount);
            flags = owned.allocate(candidates.length);
            frame = owned.allocate(frameHost.length);
        } catch (RuntimeException e) {
            owned.close();
            throw e;
        }
        flagsAsFloat = new float[Math.max(1, candidates.length)];
    }

    /**
     * Writes the visible candidates, in candidate order, to {@code visible} (at least as long as the
     * candidates) and returns how many. A candidate is visible when it projects inside the image (one pixel
     * margin), lies within {@code tolerance} of the depth buffer and its view-space normal's z is at least
     * {@code minFacing}.
     *
     * @param positions  3 floats per vertex on this device
     * @param rotation   the camera's row-major 3×3 rotation
     * @param scale      pixels per model unit; {@code tx}, {@code ty} the image position of the origin
     */
    public int select(DeviceBuffer positions, double[] rotation, double scale, double tx, double ty, int width,
                      int height, double tolerance, double minFacing, int[] visible) {
        for (int k = 0; k < 9; k++) {
            frameHost[k] = (float) rotation[k];
        }
        frameHost[9] = (float) scale;
        frameHost[10] = (float) tx;
        frameHost[11] = (float) ty;
        long pixels = (long) width * height;
        if (depth == null || depthCapacity < pixels) {
            depth = owned.allocate(pixels);
            depthCapacity = pixels;
        }
        int count = candidates.length;
        device.write(frame, 0, frameHost, frameHost.length);
        device.launch(normals, vertexCount, vertexCount, vtStart, vtTriangles, triangles, positions, nrm);
        device.launch(project, vertexCount, vertexCount, positions, frame, screen);
        device.launch(clear, (int) pixels, (int) pixels, depth);
        device.launch(raster, triangleCount, triangleCount, width, height, triangles, screen, depth);
        device.launch(select, count, count, candidateBuffer, width, height, (float) tolerance, (float) minFacing,
                screen, nrm, frame, depth, flags);
        // The flags are ints; read them through a float view of the same bits.
        device.read(flags, 0, flagsAsFloat, count);
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (Float.floatToRawIntBits(flagsAsFloat[i]) != 0) {
                visible[n++] = candidates[i];
            }
        }
        return n;
    }

    @Override
    public void close() {
        owned.close();
    }
}
