package io.inverseface.core.coarse.device;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.CL_TRUE;

import io.inverseface.core.coarse.PoseBlock;
import io.inverseface.core.coarse.VertexMajorBases;
import io.inverseface.core.coarse.terms.PhotoConsistencyTerm;
import io.inverseface.core.coarse.terms.SampleRings;
import io.inverseface.optim.Term;
import io.inverseface.optim.backend.opencl.OpenClDevice;
import io.inverseface.render.Pose;
import io.inverseface.render.RgbImage;
import io.inverseface.render.SphericalHarmonicsLighting;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PhotoConsistencyTerm} evaluated by an OpenCL kernel in float: same residuals, same blocks
 * (pose, identity, expression, albedo, lighting), same sample set semantics.
 *
 * <p>The bases (restricted to the vertices the samples and their one-rings touch), the ring
 * structure, the per-sample albedo modes, the sample weights and the image are uploaded once, when the
 * term is built; each {@link #evaluate} uploads only the parameter blocks (plus the rotation and its
 * derivatives, computed on the host in double), runs one work-item per needed vertex (positions) and
 * one per sample (residuals and Jacobian rows), and reads the results back. The kernel source also
 * compiles as CUDA C ({@link PhotoConsistencyKernelSource#cuda(int)}).
 *
 * <p>Not thread-safe (one command queue); {@link #close()} releases the device memory.
 */
public final class DevicePhotoConsistencyTerm implements Term, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DevicePhotoConsistencyTerm.class);

    /** Floats of rotation, derivatives, projection and SH constants ahead of the blocks in the params buffer. */
    static final int FRAME_SIZE = 48;

    private final int sampleCount;
    private final int neededCount;
    private final int kId, kExp, kAlb;
    private final int maxRing;
    private final double levelScale;
    private final float[] params;
    private final float[] shConstants;

    private final cl_context context;
    private final cl_command_queue queue;
    private final cl_program program;
    private final cl_kernel positionsKernel;
    private final cl_kernel sampleKernel;
    private final List<cl_mem> buffers = new ArrayList<>();
    private final cl_mem paramsMem, posMem, resMem;
    private final cl_mem[] jacMem = new cl_mem[5];
    private final float[] resHost;
    private final float[][] jacHost = new float[5][];
    private boolean closed;

    /**
     * Returns the device term on the first OpenCL device that opens and builds the kernel, or else the
     * CPU {@link PhotoConsistencyTerm} (logging one line why).
     */
    public static Term create(VertexMajorBases bases, int[] triangles, int[] samples, RgbImage image, double levelScale,
                              double[] sampleWeights) {
        try {
            List<OpenClDevice> devices = OpenClDevice.discover();
            if (devices.isEmpty()) {
                LOG.info("photo-consistency on the CPU: no OpenCL device");
            } else {
                return new DevicePhotoConsistencyTerm(bases, triangles, samples, image, levelScale, sampleWeights,
                        devices.get(0));
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.info("photo-consistency on the CPU: OpenCL unavailable ({})", e.toString());
        }
        return new PhotoConsistencyTerm(bases, triangles, samples, image, levelScale, sampleWeights);
    }

    public DevicePhotoConsistencyTerm(VertexMajorBases bases, int[] triangles, int[] samples, RgbImage image,
                                      double levelScale, OpenClDevice device) {
        this(bases, triangles, samples, image, levelScale, null, device);
    }

    /**
     * @param sampleWeights per-sample factors of the sample's three residuals (fixed for the term's life), or null
     * @param device        the OpenCL device to run on
     */
    public DevicePhotoConsistencyTerm(VertexMajorBases bases, int[] triangles, int[] samples, RgbImage image,
                                      double levelScale, double[] sampleWeights, OpenClDevice device) {
        if (sampleWeights != null && sampleWeights.length != samples.length) {
            throw new IllegalArgumentException("need one weight per sample");
        }
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples: the face is not visible in the image");
        }
        if (image.width() < 2 || image.height() < 2) {
            throw new IllegalArgumentException("image must be at least 2x2");
        }
        this.sampleCount = samples.length;
        this.levelScale = levelScale;
        this.kId = bases.identityCount();
        this.kExp = bases.expressionCount();
        this.kAlb = bases.albedoCount();
        int nv = bases.vertexCount();

        // Ring structure: the same tables as the CPU term.
        SampleRings rings = SampleRings.of(triangles, samples, nv);
        int[] neededTmp = rings.needed();
        int[] sampleLocal = rings.sampleLocal();
        int[] ringStart = rings.ringStart();
        int[] ringLocal = rings.ringLocal().length == 0 ? new int[1] : rings.ringLocal();
        int[] faceStart = rings.faceStart();
        int[] faceCorners = rings.faceCorners().length == 0 ? new int[3] : rings.faceCorners();
        this.neededCount = neededTmp.length;
        this.maxRing = rings.maxRing();

        // Device-resident tables: shape modes and mean of the needed vertices, albedo of the samples.
        int kShape = kId + kExp;
        float[] allShape = bases.shapeModes();
        float[] shape = new float[Math.max(1, neededCount * kShape * 3)];
        float[] meanShape = new float[3 * neededCount];
        double[] zeroId = new double[kId], zeroExp = new double[kExp], p = new double[3];
        for (int l = 0; l < neededCount; l++) {
            int v = neededTmp[l];
            System.arraycopy(allShape, bases.shapeOffset(v), shape, l * kShape * 3, kShape * 3);
            bases.position(v, zeroId, zeroExp, p, 0);
            meanShape[3 * l] = (float) p[0];
            meanShape[3 * l + 1] = (float) p[1];
            meanShape[3 * l + 2] = (float) p[2];
        }
        float[] allAlbedo = bases.albedoModes();
        float[] albedoModes = new float[Math.max(1, sampleCount * kAlb * 3)];
        float[] albedoMean = new float[3 * sampleCount];
        double[] zeroAlb = new double[kAlb];
        float[] sampleW = new float[sampleCount];
        double weight = 1.0 / Math.sqrt(sampleCount);
        for (int i = 0; i < sampleCount; i++) {
            int v = samples[i];
            System.arraycopy(allAlbedo, bases.albedoOffset(v), albedoModes, i * kAlb * 3, kAlb * 3);
            bases.albedo(v, zeroAlb, p, 0);
            albedoMean[3 * i] = (float) p[0];
            albedoMean[3 * i + 1] = (float) p[1];
            albedoMean[3 * i + 2] = (float) p[2];
            sampleW[i] = (float) (sampleWeights == null ? weight : weight * sampleWeights[i]);
        }
        int plane = image.width() * image.height();
        float[] pixels = new float[3 * plane];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(image.channel(c), 0, pixels, c * plane, plane);
        }
        this.params = new float[FRAME_SIZE + kShape + kAlb + SphericalHarmonicsLighting.COEFFICIENT_COUNT];
        this.shConstants = shConstants();
        this.resHost = new float[3 * sampleCount];
        int[] sizes = blockSizes();
        for (int j = 0; j < 5; j++) {
            jacHost[j] = new float[3 * sampleCount * sizes[j]];
        }

        CL.setExceptionsEnabled(true);
        cl_context_properties properties = new cl_context_properties();
        properties.addProperty(CL_CONTEXT_PLATFORM, device.platform());
        context = CL.clCreateContext(properties, 1, new cl_device_id[] {device.device()}, null, null, null);
        cl_command_queue q = null;
        cl_program prog = null;
        try {
            @SuppressWarnings("deprecation")
            cl_command_queue created = CL.clCreateCommandQueue(context, device.device(), 0, null);
            q = created;
            prog = CL.clCreateProgramWithSource(context, 1,
                    new String[] {PhotoConsistencyKernelSource.openCl(maxRing)}, null, null);
            try {
                CL.clBuildProgram(prog, 1, new cl_device_id[] {device.device()}, "", null, null);
            } catch (CLException e) {
                throw new IllegalStateException("photo-consistency kernel build failed: " + e.getMessage() + "\n"
                        + buildLog(prog, device.device()), e);
            }
            positionsKernel = CL.clCreateKernel(prog, "positions", null);
            sampleKernel = CL.clCreateKernel(prog, "photo_consistency", null);
            program = prog;
            queue = q;
            cl_mem meanMem = upload(meanShape);
            cl_mem shapeMem = upload(shape);
            cl_mem sampleLocalMem = upload(sampleLocal);
            cl_mem ringStartMem = upload(ringStart);
            cl_mem ringLocalMem = upload(ringLocal);
            cl_mem faceStartMem = upload(faceStart);
            cl_mem faceCornersMem = upload(faceCorners);
            cl_mem albedoMeanMem = upload(albedoMean);
            cl_mem albedoModesMem = upload(albedoModes);
            cl_mem imageMem = upload(pixels);
            cl_mem weightMem = upload(sampleW);
            paramsMem = allocate(params.length);
            posMem = allocate(3 * neededCount);
            resMem = allocate(resHost.length);
            for (int j = 0; j < 5; j++) {
                jacMem[j] = allocate(Math.max(1, jacHost[j].length));
            }
            setArgs(positionsKernel, neededCount, kId, kExp, meanMem, shapeMem, paramsMem, posMem);
            setArgs(sampleKernel, sampleCount, kId, kExp, kAlb, image.width(), image.height(), 1,
                    sampleLocalMem, ringStartMem, ringLocalMem, faceStartMem, faceCornersMem, posMem, shapeMem,
                    albedoMeanMem, albedoModesMem, imageMem, weightMem, paramsMem, resMem,
                    jacMem[0], jacMem[1], jacMem[2], jacMem[3], jacMem[4]);
        } catch (RuntimeException e) {
            for (cl_mem m : buffers) {
                CL.clReleaseMemObject(m);
            }
            if (prog != null) {
                CL.clReleaseProgram(prog);
            }
            if (q != null) {
                CL.clReleaseCommandQueue(q);
            }
            CL.clReleaseContext(context);
            throw e;
        }
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

    @Override
    public String name() {
        return "photo-consistency";
    }

    @Override
    public int residualCount() {
        return 3 * sampleCount;
    }

    @Override
    public int[] blockSizes() {
        return new int[] {PoseBlock.SIZE, kId, kExp, kAlb, SphericalHarmonicsLighting.COEFFICIENT_COUNT};
    }

    /** Number of vertices compared with the image. */
    public int sampleCount() {
        return sampleCount;
    }

    @Override
    public synchronized boolean evaluate(double[][] blocks, double[] residuals, double[][] jacobians) {
        if (closed) {
            throw new IllegalStateException("term closed");
        }
        double[] pose = blocks[0];
        double[] r = new double[9], d0 = new double[9], d1 = new double[9], d2 = new double[9];
        Pose.rotation(pose[PoseBlock.PITCH], pose[PoseBlock.YAW], pose[PoseBlock.ROLL], r);
        Pose.rotationDerivatives(pose[PoseBlock.PITCH], pose[PoseBlock.YAW], pose[PoseBlock.ROLL], d0, d1, d2);
        for (int k = 0; k < 9; k++) {
            params[k] = (float) r[k];
            params[9 + k] = (float) d0[k];
            params[18 + k] = (float) d1[k];
            params[27 + k] = (float) d2[k];
        }
        params[36] = (float) pose[PoseBlock.SCALE];
        params[37] = (float) pose[PoseBlock.TX];
        params[38] = (float) pose[PoseBlock.TY];
        params[39] = (float) levelScale;
        System.arraycopy(shConstants, 0, params, 40, shConstants.length);
        int o = FRAME_SIZE;
        for (int b = 1; b <= 4; b++) {
            double[] block = blocks[b];
            for (int k = 0; k < block.length; k++) {
                params[o + k] = (float) block[k];
            }
            o += block.length;
        }
        CL.clEnqueueWriteBuffer(queue, paramsMem, CL_TRUE, 0, (long) params.length * Sizeof.cl_float,
                Pointer.to(params), 0, null, null);
        CL.clSetKernelArg(sampleKernel, 6, Sizeof.cl_int, Pointer.to(new int[] {jacobians != null ? 1 : 0}));
        CL.clEnqueueNDRangeKernel(queue, positionsKernel, 1, null, new long[] {neededCount}, null, 0, null, null);
        CL.clEnqueueNDRangeKernel(queue, sampleKernel, 1, null, new long[] {sampleCount}, null, 0, null, null);
        CL.clEnqueueReadBuffer(queue, resMem, CL_TRUE, 0, (long) resHost.length * Sizeof.cl_float,
                Pointer.to(resHost), 0, null, null);
        boolean finite = true;
        for (int i = 0; i < resHost.length; i++) {
            residuals[i] = resHost[i];
            finite &= Float.isFinite(resHost[i]);
        }
        if (jacobians != null) {
            for (int j = 0; j < 5; j++) {
                double[] out = jacobians[j];
                float[] host = jacHost[j];
                if (out == null || host.length == 0) {
                    continue;
                }
                CL.clEnqueueReadBuffer(queue, jacMem[j], CL_TRUE, 0, (long) host.length * Sizeof.cl_float,
                        Pointer.to(host), 0, null, null);
                for (int k = 0; k < host.length; k++) {
                    out[k] = host[k];
                }
            }
        }
        return finite;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (cl_mem m : buffers) {
            CL.clReleaseMemObject(m);
        }
        CL.clReleaseKernel(positionsKernel);
        CL.clReleaseKernel(sampleKernel);
        CL.clReleaseProgram(program);
        CL.clReleaseCommandQueue(queue);
        CL.clReleaseContext(context);
    }

    private cl_mem upload(float[] data) {
        cl_mem m = CL.clCreateBuffer(context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR,
                (long) Math.max(1, data.length) * Sizeof.cl_float, Pointer.to(data.length == 0 ? new float[1] : data), null);
        buffers.add(m);
        return m;
    }

    private cl_mem upload(int[] data) {
        cl_mem m = CL.clCreateBuffer(context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR,
                (long) Math.max(1, data.length) * Sizeof.cl_int, Pointer.to(data.length == 0 ? new int[1] : data), null);
        buffers.add(m);
        return m;
    }

    private cl_mem allocate(int floats) {
        cl_mem m = CL.clCreateBuffer(context, CL_MEM_READ_WRITE, (long) Math.max(1, floats) * Sizeof.cl_float, null, null);
        buffers.add(m);
        return m;
    }

    private static void setArgs(cl_kernel kernel, Object... args) {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof cl_mem mem) {
                CL.clSetKernelArg(kernel, i, Sizeof.cl_mem, Pointer.to(mem));
            } else {
                CL.clSetKernelArg(kernel, i, Sizeof.cl_int, Pointer.to(new int[] {(Integer) a}));
            }
        }
    }

    private static String buildLog(cl_program program, cl_device_id device) {
        try {
            long[] size = new long[1];
            CL.clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] buffer = new byte[(int) size[0]];
            CL.clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, buffer.length, Pointer.to(buffer), null);
            return new String(buffer, StandardCharsets.UTF_8).trim();
        } catch (RuntimeException e) {
            return "(no build log: " + e.getMessage() + ")";
        }
    }
}
