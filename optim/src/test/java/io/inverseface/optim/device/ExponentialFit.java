package io.inverseface.optim.device;

import io.inverseface.compute.ComputeDevice;
import io.inverseface.compute.DeviceBuffer;
import io.inverseface.compute.DeviceKernel;

/** r_i = a·exp(b·x_i) − y_i over the block (a, b), with a kernel: the device-term fixture of the optim tests. */
public class ExponentialFit implements DeviceTerm {
    private static final String SOURCE = String.join("\n",
            "KERNEL void exp_fit(const int count, GLOBAL const float* xy, const float a, const float b,",
            "                    const float scale, GLOBAL float* res, GLOBAL float* jac, const int row0,",
            "                    const int ld, const int col0, const int wantJ) {",
            "  int i = (int) GLOBAL_ID(0);",
            "  if (i >= count) { return; }",
            "  float x = xy[2 * i], e = EXP(b * x);",
            "  res[row0 + i] = scale * (a * e - xy[2 * i + 1]);",
            "  if (wantJ && col0 >= 0) {",
            "    jac[(row0 + i) * ld + col0] = scale * e;",
            "    jac[(row0 + i) * ld + col0 + 1] = scale * a * x * e;",
            "  }",
            "}", "");
    private final double[][] xy;
    private final boolean onDevice;

    /** {@code onDevice} false: {@link #bindTo} declines, so the term is evaluated on the host. */
    public ExponentialFit(double[][] xy, boolean onDevice) {
        this.xy = xy;
        this.onDevice = onDevice;
    }

    @Override public String name() { return "exp-fit"; }
    @Override public int residualCount() { return xy.length; }
    @Override public int[] blockSizes() { return new int[] {2}; }

    @Override
    public boolean evaluate(double[][] blocks, double[] r, double[][] jacobians) {
        double a = blocks[0][0], b = blocks[0][1];
        for (int i = 0; i < xy.length; i++) {
            double e = Math.exp(b * xy[i][0]);
            r[i] = a * e - xy[i][1];
            if (jacobians != null && jacobians[0] != null) {
                jacobians[0][2 * i] = e;
                jacobians[0][2 * i + 1] = a * xy[i][0] * e;
            }
        }
        return true;
    }

    @Override
    public DeviceTermEvaluator bindTo(ComputeDevice device) {
        if (!onDevice) {
            return null;
        }
        float[] flat = new float[2 * xy.length];
        for (int i = 0; i < xy.length; i++) {
            flat[2 * i] = (float) xy[i][0];
            flat[2 * i + 1] = (float) xy[i][1];
        }
        DeviceBuffer data = device.allocate(flat.length);
        device.write(data, 0, flat, flat.length);
        DeviceKernel kernel = device.kernel(SOURCE, "exp_fit");
        return new DeviceTermEvaluator() {
            @Override
            public boolean evaluate(double[][] blocks, DeviceBuffer residuals, DeviceBuffer jacobian, int rowOffset,
                                    int ld, int[] columnOffsets, double scale) {
                device.launch(kernel, xy.length, xy.length, data, (float) blocks[0][0], (float) blocks[0][1],
                        (float) scale, residuals, jacobian != null ? jacobian : residuals, rowOffset, ld,
                        columnOffsets[0], jacobian != null ? 1 : 0);
                return true;
            }

            @Override
            public void close() {
                data.close();
            }
        };
    }
}
