package io.inverseface.optim;

import io.inverseface.compute.ComputeDevice;
import io.inverseface.optim.device.DeviceTerm;
import io.inverseface.optim.device.DeviceTermEvaluator;
import io.inverseface.optim.device.NormalPriorDeviceEvaluator;

/**
 * A zero-mean normal prior on one parameter block, {@code Σ_i (x_i/σ_i)²}: residual i is {@code x_i/σ_i},
 * the Jacobian the diagonal {@code 1/σ_i}. The negative log-likelihood of independent {@code x_i ~ N(0, σ_i²)}
 * up to a constant (and ½, which the cost convention supplies). Evaluates on a device as well
 * ({@code kernels/normal_prior.cl}).
 */
public final class NormalPrior implements DeviceTerm {

    private final double[] inverseSigma;

    /** @param sigma the standard deviation of each entry of the block; all positive and finite */
    public NormalPrior(double[] sigma) {
        this.inverseSigma = new double[sigma.length];
        for (int i = 0; i < sigma.length; i++) {
            if (!(sigma[i] > 0) || !Double.isFinite(sigma[i])) {
                throw new IllegalArgumentException("normal prior: sigma " + i + " must be positive, got " + sigma[i]);
            }
            inverseSigma[i] = 1.0 / sigma[i];
        }
    }

    @Override
    public String name() {
        return "normal-prior";
    }

    @Override
    public int residualCount() {
        return inverseSigma.length;
    }

    @Override
    public int[] blockSizes() {
        return new int[] {inverseSigma.length};
    }

    @Override
    public DeviceTermEvaluator bindTo(ComputeDevice device) {
        return new NormalPriorDeviceEvaluator(device, inverseSigma);
    }

    @Override
    public boolean evaluate(double[][] blocks, double[] residuals, double[][] jacobians) {
        double[] a = blocks[0];
        int n = inverseSigma.length;
        for (int i = 0; i < n; i++) {
            residuals[i] = a[i] * inverseSigma[i];
        }
        if (jacobians != null && jacobians[0] != null) {
            double[] j = jacobians[0];
            java.util.Arrays.fill(j, 0.0);
            for (int i = 0; i < n; i++) {
                j[i * n + i] = inverseSigma[i];
            }
        }
        return true;
    }
}
