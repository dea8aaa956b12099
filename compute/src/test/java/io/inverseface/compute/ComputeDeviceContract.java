package io.inverseface.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A {@link ComputeDevice} on its own: memory, kernels from the one source, the reductions and the constant
 * tables. Subclasses pick OpenCL or CUDA.
 */
public abstract class ComputeDeviceContract extends ComputeDeviceTestBase {

    @Test
    void writesReadsAndZeroesAtOffsets() {
        ComputeDevice d = device;
        try (DeviceBuffer b = d.allocate(10)) {
            d.write(b, 0, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 10);
            d.write(b, 7, new float[] {-1, -2}, 2);
            d.fillZero(b, 2, 3);
            float[] out = new float[10];
            d.read(b, 0, out, 10);
            assertThat(out).containsExactly(1, 2, 0, 0, 0, 6, 7, -1, -2, 10);
            float[] tail = new float[2];
            d.read(b, 8, tail, 2);
            assertThat(tail).containsExactly(-2, 10);
            assertThatThrownBy(() -> d.write(b, 9, new float[2], 2)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void sumOfSquaresMatchesTheHost() {
        ComputeDevice d = device;
        Random random = new Random(3);
        int n = 10_007;
        float[] v = new float[n];
        double expected = 0;
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
            if (i >= 5) {
                expected += (double) v[i] * v[i];
            }
        }
        try (DeviceBuffer b = d.allocate(n)) {
            d.write(b, 0, v, n);
            assertThat(d.sumOfSquares(b, 5, n - 5)).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(1e-4));
            assertThat(d.sumOfSquares(b, 0, 0)).isZero();
        }
    }

    @Test
    void compilesOnceAndLaunchesWithIntAndFloatArguments() {
        ComputeDevice d = device;
        String source = "KERNEL void axpb(const int n, const float a, GLOBAL const float* x, GLOBAL float* y) {\n"
                + "  int i = (int) GLOBAL_ID(0);\n  if (i < n) { y[i] = a * x[i] + (float) i; }\n}\n";
        DeviceKernel k = d.kernel(source, "axpb");
        assertThat(k.name()).isEqualTo("axpb");
        try (DeviceBuffer x = d.allocate(300); DeviceBuffer y = d.allocate(300)) {
            float[] in = new float[300];
            for (int i = 0; i < in.length; i++) {
                in[i] = i * 0.5f;
            }
            d.write(x, 0, in, in.length);
            d.launch(d.kernel(source, "axpb"), 300, 300, 2.0f, x, y);
            float[] out = new float[300];
            d.read(y, 0, out, 300);
            for (int i = 0; i < 300; i++) {
                assertThat(out[i]).isEqualTo(2.0f * in[i] + i);
            }
            assertThatThrownBy(() -> d.launch(k, 1, "not an argument")).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> d.kernel("KERNEL void broken(GLOBAL float* a) { a[0] = ; }", "broken"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void constantTablesAreUploadedOncePerOwner() {
        ComputeDevice d = device;
        Object owner = new Object();
        int[] uploads = {0};
        DeviceBuffer a = d.constant(owner, "table", () -> {
            uploads[0]++;
            return new float[] {1, 2, 3};
        });
        DeviceBuffer again = d.constant(owner, "table", () -> {
            uploads[0]++;
            return new float[] {9, 9, 9};
        });
        DeviceBuffer other = d.constant(new Object(), "table", () -> new float[] {4, 5, 6});
        assertThat(again).isSameAs(a);
        assertThat(other).isNotSameAs(a);
        assertThat(uploads[0]).isEqualTo(1);
        float[] out = new float[3];
        d.read(again, 0, out, 3);
        assertThat(out).containsExactly(1, 2, 3);
    }

    @Test
    void rejectsBuffersOfAnotherDevice() {
        AbstractComputeDevice<?> second = openOrSkip();
        try (DeviceBuffer foreign = second.allocate(4)) {
            assertThatThrownBy(() -> device.write(foreign, 0, new float[4], 4))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong");
        } finally {
            second.close();
        }
    }

    @Test
    void aClosedDeviceRejectsWork() {
        AbstractComputeDevice<?> second = openOrSkip();
        DeviceBuffer b = second.allocate(4);
        second.close();
        second.close();
        assertThatThrownBy(() -> second.allocate(4)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> second.write(b, 0, new float[4], 4)).isInstanceOf(IllegalStateException.class);
    }
}
