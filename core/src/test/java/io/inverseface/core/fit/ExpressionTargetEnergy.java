package io.inverseface.core.fit;

import io.inverseface.compute.ComputeDevice;
import io.inverseface.compute.DeviceBuffer;
import io.inverseface.compute.DeviceKernel;
import io.inverseface.optim.Term;
import io.inverseface.optim.device.DeviceTerm;
import io.inverseface.optim.device.DeviceTermEvaluator;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a researcher writes to add a GPU-capable energy: this one file. It pulls chosen blendshapes
 * toward target weights, {@code E = Σ_k (e_k − t_k)²} over the expression block, and carries its own
 * kernel: on a device backend the solver evaluates it there, on the CPU its {@link Term#evaluate} runs.
 * Nothing else in the library changes (no registry, no options field, no device package).
 *
 * @param targets the target weight of each blendshape, NaN for "leave it alone"
 */
record ExpressionTargetEnergy(double weight, double[] targets) implements FaceEnergy {

    static final String NAME = "expression-target";

    /** Residual k = scale·(e_k − t_k)·m_k (m_k = 0 for untargeted shapes); Jacobian entry scale·m_k. */
    private static final String KERNEL = """
            KERNEL void expression_target(const int count, const float scale, const int row0, const int ld,
                                          const int col, const int wantJ, GLOBAL const float* target,
                                          GLOBAL const float* mask, GLOBAL const float* e, GLOBAL float* res,
                                          GLOBAL float* jac) {
                int k = (int) GLOBAL_ID(0);
                if (k >= count) {
                    return;
                }
                res[row0 + k] = scale * mask[k] * (e[k] - target[k]);
                if (wantJ && col >= 0) {
                    jac[(row0 + k) * ld + col + k] = scale * mask[k];
                }
            }
            """;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<FitPhase> phases() {
        return EnumSet.of(FitPhase.LANDMARKS, FitPhase.PHOTOMETRIC);
    }

    @Override
    public FaceTerm build(FitContext context) {
        return FaceTerm.of(new TargetTerm(targets), weight, FaceBlock.EXPRESSION);
    }

    /** The term: one residual per blendshape. */
    static final class TargetTerm implements DeviceTerm {
        private final float[] target;
        private final float[] mask;

        TargetTerm(double[] targets) {
            target = new float[targets.length];
            mask = new float[targets.length];
            for (int k = 0; k < targets.length; k++) {
                mask[k] = Double.isNaN(targets[k]) ? 0f : 1f;
                target[k] = Double.isNaN(targets[k]) ? 0f : (float) targets[k];
            }
        }

        @Override public String name() { return NAME; }
        @Override public int residualCount() { return target.length; }
        @Override public int[] blockSizes() { return new int[] {target.length}; }

        @Override
        public boolean evaluate(double[][] blocks, double[] residuals, double[][] jacobians) {
            int n = target.length;
            for (int k = 0; k < n; k++) {
                residuals[k] = mask[k] * (blocks[0][k] - target[k]);
            }
            if (jacobians != null && jacobians[0] != null) {
                java.util.Arrays.fill(jacobians[0], 0.0);
                for (int k = 0; k < n; k++) {
                    jacobians[0][k * n + k] = mask[k];
                }
            }
            return true;
        }

        @Override
        public DeviceTermEvaluator bindTo(ComputeDevice device) {
            DeviceKernel kernel = device.kernel(KERNEL, "expression_target");
            int n = target.length;
            DeviceBuffer t = device.allocate(n), m = device.allocate(n), e = device.allocate(n);
            device.write(t, 0, target, n);
            device.write(m, 0, mask, n);
            float[] host = new float[n];
            return new DeviceTermEvaluator() {
                @Override
                public boolean evaluate(double[][] blocks, DeviceBuffer residuals, DeviceBuffer jacobian, int rowOffset,
                                        int ld, int[] columnOffsets, double scale) {
                    for (int k = 0; k < n; k++) {
                        host[k] = (float) blocks[0][k];
                    }
                    device.write(e, 0, host, n);
                    boolean wantJ = jacobian != null;
                    device.launch(kernel, n, n, (float) scale, rowOffset, ld, columnOffsets[0], wantJ ? 1 : 0, t, m, e,
                            residuals, wantJ ? jacobian : residuals);
                    return true;
                }

                @Override
                public void close() {
                    t.close();
                    m.close();
                    e.close();
                }
            };
        }
    }
}
