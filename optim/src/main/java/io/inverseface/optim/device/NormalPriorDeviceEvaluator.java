package io.inverseface.optim.device;

import io.inverseface.compute.ComputeDevice;
import io.inverseface.compute.DeviceBuffer;
import io.inverseface.compute.DeviceBuffers;
import io.inverseface.compute.DeviceKernel;
import io.inverseface.compute.KernelResources;

/**
 * The device side of {@link io.inverseface.optim.NormalPrior} ({@code kernels/normal_prior.cl}): residual
 * {@code x_i/σ_i}, a diagonal Jacobian. An evaluation uploads the block only.
 */
public final class NormalPriorDeviceEvaluator implements DeviceTermEvaluator {

    private static final String RESOURCE = "/io/inverseface/optim/kernels/normal_prior.cl";

    private final ComputeDevice device;
    private final int count;
    private final DeviceKernel kernel;
    private final DeviceBuffers owned;
    private final DeviceBuffer inverseSigma;
    private final DeviceBuffer values;
    private final float[] host;

    public NormalPriorDeviceEvaluator(ComputeDevice device, double[] inverseSigma) {
        this.device = device;
        this.count = inverseSigma.length;
        this.kernel = device.kernel(KernelResources.read(RESOURCE), "normal_prior");
        this.host = new float[Math.max(1, count)];
        for (int i = 0; i < count; i++) {
            host[i] = (float) inverseSigma[i];
        }
        this.owned = new DeviceBuffers(device);
        try {
            this.inverseSigma = owned.floats(host);
            this.values = owned.allocate(host.length);
        } catch (RuntimeException e) {
            owned.close();
            throw e;
        }
    }

    @Override
    public boolean evaluate(double[][] blocks, DeviceBuffer residuals, DeviceBuffer jacobian, int rowOffset, int ld,
                            int[] columnOffsets, double scale) {
        double[] x = blocks[0];
        for (int i = 0; i < count; i++) {
            if (!Double.isFinite(x[i])) {
                return false;
            }
            host[i] = (float) x[i];
        }
        device.write(values, 0, host, count);
        boolean wantJ = jacobian != null;
        device.launch(kernel, count, count, (float) scale, rowOffset, ld, columnOffsets[0], wantJ ? 1 : 0,
                inverseSigma, values, residuals, wantJ ? jacobian : residuals);
        return true;
    }

    @Override
    public void close() {
        owned.close();
    }
}
