package io.inverseface.core.landmarks.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast convolution paths (1×1, row-wise depthwise, row parallelism) against a direct definition. */
class ConvolutionPathsTest {

    private static Tensor random(Random r, int... shape) {
        float[] v = new float[Tensor.size(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        return new Tensor(shape, v);
    }

    /** The TensorFlow definition, written out with no shortcuts. */
    private static float[] direct(Tensor x, Tensor f, int stride, boolean depthwise) {
        int h = x.dim(1), w = x.dim(2), c = x.dim(3), k = f.dim(0), cout = depthwise ? c : f.dim(3);
        int oh = (h + stride - 1) / stride, ow = (w + stride - 1) / stride;
        int padY = Math.max((oh - 1) * stride + k - h, 0) / 2, padX = Math.max((ow - 1) * stride + k - w, 0) / 2;
        float[] out = new float[oh * ow * cout];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                for (int co = 0; co < cout; co++) {
                    double sum = 0;
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            int iy = oy * stride - padY + ky, ix = ox * stride - padX + kx;
                            if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                continue;
                            }
                            if (depthwise) {
                                sum += x.data()[(iy * w + ix) * c + co] * f.data()[(ky * k + kx) * c + co];
                            } else {
                                for (int ci = 0; ci < c; ci++) {
                                    sum += x.data()[(iy * w + ix) * c + ci] * f.data()[((ky * k + kx) * c + ci) * cout + co];
                                }
                            }
                        }
                    }
                    out[(oy * ow + ox) * cout + co] = (float) sum;
                }
            }
        }
        return out;
    }

    private static GraphNode conv(String op, int stride) {
        return KernelsTest.node(op, "\"padding\":" + KernelsTest.s("SAME") + ",\"strides\":"
                + KernelsTest.ints(1, stride, stride, 1));
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).as("value %d", i).isLessThan(1e-4f);
        }
    }

    @Test
    void pointwiseBlocksOfFourAndTheRemainder() {
        Random r = new Random(1);
        Tensor x = random(r, 1, 3, 7, 5); // 7 pixels a row: one block of four and three left over
        Tensor f = random(r, 1, 1, 5, 6);
        assertClose(Kernels.run(conv("Conv2D", 1), List.of(x, f)).data(), direct(x, f, 1, false));
    }

    @Test
    void generalConvolutionOnARowParallelLayer() {
        Random r = new Random(2);
        Tensor x = random(r, 1, 40, 36, 8); // big enough to share rows among threads
        Tensor f = random(r, 3, 3, 8, 16);
        assertClose(Kernels.run(conv("Conv2D", 1), List.of(x, f)).data(), direct(x, f, 1, false));
        assertClose(Kernels.run(conv("Conv2D", 2), List.of(x, f)).data(), direct(x, f, 2, false));
    }

    @Test
    void depthwiseRowWiseAndStrided() {
        Random r = new Random(3);
        Tensor x = random(r, 1, 9, 11, 4);
        Tensor f5 = random(r, 5, 5, 4, 1);
        Tensor f3 = random(r, 3, 3, 4, 1);
        assertClose(Kernels.run(conv("DepthwiseConv2dNative", 1), List.of(x, f5)).data(), direct(x, f5, 1, true));
        assertClose(Kernels.run(conv("DepthwiseConv2dNative", 1), List.of(x, f3)).data(), direct(x, f3, 1, true));
        assertClose(Kernels.run(conv("DepthwiseConv2dNative", 2), List.of(x, f3)).data(), direct(x, f3, 2, true));
    }
}
