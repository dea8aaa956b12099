package io.inverseface.core.coarse.terms;

import io.inverseface.core.coarse.device.PriorDeviceEvaluator;
import io.inverseface.optim.device.DeviceTerm;
import io.inverseface.optim.device.DeviceTermEvaluator;
import io.inverseface.optim.backend.ComputeDevice;

/**
 * Gaussian prior of one coefficient block, {@code E_reg = Σ_i (α_i/σ_i)²}: residual i is α_i/σ_i.
 * Used for identity, expression and albedo (the PCA priors of the paper).
 */
public final class PriorTerm implements DeviceTerm {

    private final String name;
    private final double[] inverseSigma;

    public PriorTerm(String name, double[] sigma) {
        this.name = name;
        this.inverseSigma = new double[sigma.length];
        for (int i = 0; i < sigma.length; i++) {
            if (!(sigma[i] > 0) || !Double.isFinite(sigma[i])) {
                throw new IllegalArgumentException(name + ": sigma " + i + " must be positive, got " + sigma[i]);
            }
            inverseSigma[i] = 1.0 / sigma[i];
        }
    }

    @Override
    public String name() {
        return name;
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
        return new PriorDeviceEvaluator(device, inverseSigma);
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
