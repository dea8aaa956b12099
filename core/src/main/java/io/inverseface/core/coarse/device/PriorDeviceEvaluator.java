package io.inverseface.core.coarse.device;

import io.inverseface.optim.device.DeviceTermEvaluator;
import io.inverseface.optim.backend.ComputeDevice;
import io.inverseface.optim.backend.DeviceBuffer;
import io.inverseface.optim.backend.DeviceBuffers;
import io.inverseface.optim.backend.DeviceKernel;

/**
 * The device side of {@link io.inverseface.core.coarse.terms.PriorTerm} ({@code prior.cl}): residual
 * {@code α_i/σ_i}, a diagonal Jacobian. An evaluation uploads the coefficient block only.
 */
public final class PriorDeviceEvaluator implements DeviceTermEvaluator {

    private final ComputeDevice device;
    private final int count;
    private final DeviceKernel kernel;
    private final DeviceBuffers owned;
    private final DeviceBuffer inverseSigma;
    private final DeviceBuffer alpha;
    private final float[] host;

    public PriorDeviceEvaluator(ComputeDevice device, double[] inverseSigma) {
        this.device = device;
        this.count = inverseSigma.length;
        this.kernel = device.kernel(KernelSources.prior(), "prior");
        this.host = new float[Math.max(1, count)];
        for (int i = 0; i < count; i++) {
            host[i] = (float) inverseSigma[i];
        }
        this.owned = new DeviceBuffers(device);
        try {
            this.inverseSigma = owned.floats(host);
            this.alpha = owned.allocate(host.length);
        } catch (RuntimeException e) {
            owned.close();
            throw e;
        }
    }

    @Override
    public boolean evaluate(double[][] blocks, DeviceBuffer residuals, DeviceBuffer jacobian, int rowOffset, int ld,
                            int[] columnOffsets, double scale) {
        if (PoseFrame.append(blocks[0], host, 0) < 0) {
            return false;
        }
        device.write(alpha, 0, host, count);
        boolean wantJ = jacobian != null;
        device.launch(kernel, count, count, (float) scale, rowOffset, ld, columnOffsets[0], wantJ ? 1 : 0,
                inverseSigma, alpha, residuals, wantJ ? jacobian : residuals);
        return true;
    }

    @Override
    public void close() {
        owned.close();
    }
}
