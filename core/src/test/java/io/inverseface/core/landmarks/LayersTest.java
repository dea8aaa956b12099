package io.inverseface.core.landmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Layer operations against values computed by hand. */
class LayersTest {

    private static final float EPS = 1e-5f;

    /** 1..n*n in one channel, row-major. */
    private static FeatureMap ramp(int n) {
        float[] v = new float[n * n];
        for (int i = 0; i < v.length; i++) {
            v[i] = i + 1;
        }
        return FeatureMap.of(n, n, 1, v);
    }

    private static ConvWeights ones3x3() {
        float[] f = new float[9];
        java.util.Arrays.fill(f, 1f);
        return ConvWeights.fromHwio(3, 1, 1, f, new float[] {0f});
    }

    @Test
    void tensorflowSamePaddingPutsTheOddPixelAtTheEnd() {
        assertThat(Padding.SAME.outputSize(112, 3, 2)).isEqualTo(56);
        assertThat(Padding.SAME.padBefore(112, 3, 2)).isZero();      // total padding 1: all after
        assertThat(Padding.SAME.padBefore(56, 3, 1)).isEqualTo(1);   // total 2: one each side
        assertThat(Padding.SAME.outputSize(207, 2, 2)).isEqualTo(104);
        assertThat(Padding.SAME.outputSize(13, 2, 1)).isEqualTo(13);
        assertThat(Padding.VALID.outputSize(416, 3, 1)).isEqualTo(414);
        assertThat(Padding.VALID.padBefore(416, 3, 1)).isZero();
    }

    @Test
    void convSameStrideOneSumsTheInImageNeighbours() {
        FeatureMap out = new FeatureMap(3, 3, 1);
        Layers.conv2d(ramp(3), ones3x3(), 1, Padding.SAME, out);

        assertThat(out.toArray()).containsExactly(12, 21, 16, 27, 45, 33, 24, 39, 28);
    }

    @Test
    void convSameStrideTwoOnEvenInputPadsOnlyBottomAndRight() {
        FeatureMap out = new FeatureMap(2, 2, 1);
        Layers.conv2d(ramp(4), ones3x3(), 2, Padding.SAME, out);

        // windows start at rows/cols 0 and 2; row/col 4 is padding
        assertThat(out.toArray()).containsExactly(54, 45, 72, 54);
    }

    @Test
    void convValidUsesHwioLayoutAndBias() {
        FeatureMap in = FeatureMap.of(2, 2, 2, new float[] {1, 2, 3, 4, 5, 6, 7, 8});
        float[] hwio = new float[2 * 2 * 2 * 2];
        for (int tap = 0; tap < 4; tap++) {
            hwio[tap * 4] = 1;      // ci 0 -> co 0
            hwio[tap * 4 + 1] = 1;  // ci 0 -> co 1
            hwio[tap * 4 + 2] = 1;  // ci 1 -> co 0
        }
        FeatureMap out = new FeatureMap(1, 1, 2);
        Layers.conv2d(in, ConvWeights.fromHwio(2, 2, 2, hwio, new float[] {0.5f, -1f}), 1, Padding.VALID, out);

        assertThat(out.toArray()).containsExactly(36.5f, 15f);
    }

    @Test
    void depthwiseFiltersEachChannelSeparately() {
        float[] v = new float[18];
        for (int i = 0; i < 9; i++) {
            v[2 * i] = i + 1;
            v[2 * i + 1] = 2;
        }
        float[] filter = new float[9 * 2];
        for (int tap = 0; tap < 9; tap++) {
            filter[2 * tap] = 1;                    // channel 0: box sum
            filter[2 * tap + 1] = tap == 4 ? 1 : 0; // channel 1: identity
        }
        FeatureMap out = new FeatureMap(3, 3, 2);
        Layers.depthwiseConv2d(FeatureMap.of(3, 3, 2, v), Rows.split(filter, 9, 2), 3, 1, Padding.SAME, out);

        assertThat(out.get(1, 1, 0)).isEqualTo(45);
        assertThat(out.get(0, 0, 0)).isEqualTo(12);
        assertThat(out.get(0, 0, 1)).isEqualTo(2);
        assertThat(out.get(2, 2, 1)).isEqualTo(2);
    }

    @Test
    void pointwiseIsAPerPixelMatrixProduct() {
        // five pixels: one block of four plus a remainder
        float[] v = {1, 0, 0, 1, 1, 1, 2, -1, 0.5f, 0.5f};
        float[][] w = {{1, 2, 3}, {10, 20, 30}};
        FeatureMap out = new FeatureMap(1, 5, 3);
        Layers.pointwiseConv2d(FeatureMap.of(1, 5, 2, v), w, new float[] {0, 0, 1}, out);

        assertThat(out.toArray()).containsExactly(1, 2, 4, 10, 20, 31, 11, 22, 34, -8, -16, -23, 5.5f, 11, 17.5f);
    }

    @Test
    void separableIsDepthwiseThenPointwiseWithBias() {
        float[] dw = new float[9];
        dw[4] = 2; // centre tap: doubles the input
        SeparableConvWeights sep = SeparableConvWeights.fromTf(3, 1, 2, dw, new float[] {1, -1}, new float[] {0, 10});
        FeatureMap out = new FeatureMap(2, 2, 2);
        Layers.separableConv2d(ramp(2), sep, 1, Padding.SAME, new FeatureMap(2, 2, 1), out);

        assertThat(out.toArray()).containsExactly(2, 8, 4, 6, 6, 4, 8, 2);
    }

    @Test
    void maxPoolSameOnOddSizeIgnoresThePadding() {
        FeatureMap out = new FeatureMap(2, 2, 1);
        Layers.maxPool(ramp(3), 2, 2, Padding.SAME, out);
        assertThat(out.toArray()).containsExactly(5, 6, 8, 9);

        float[] negative = ramp(3).toArray();
        for (int i = 0; i < negative.length; i++) {
            negative[i] = -negative[i];
        }
        Layers.maxPool(FeatureMap.of(3, 3, 1, negative), 2, 2, Padding.SAME, out);
        assertThat(out.toArray()).containsExactly(-1, -3, -7, -9);
    }

    @Test
    void maxPoolStrideOneSameKeepsTheSize() {
        FeatureMap out = new FeatureMap(2, 2, 1);
        Layers.maxPool(FeatureMap.of(2, 2, 1, new float[] {4, 1, 2, 3}), 2, 1, Padding.SAME, out);
        assertThat(out.toArray()).containsExactly(4, 3, 3, 3);
    }

    @Test
    void averagePoolValidIsTheWindowMean() {
        FeatureMap out = new FeatureMap(1, 1, 1);
        Layers.avgPool(ramp(2), 2, 2, Padding.VALID, out);
        assertThat(out.toArray()).containsExactly(2.5f);
    }

    @Test
    void denseMultipliesTheFlattenedInput() {
        float[] out = new float[2];
        DenseWeights w = DenseWeights.fromFlat(3, 2, new float[] {1, 0, 0, 1, 1, 1}, new float[] {0.5f, 0});
        Layers.dense(FeatureMap.of(1, 1, 3, new float[] {1, 2, 3}), w, out);
        assertThat(out).containsExactly(4.5f, 5f);
    }

    @Test
    void activationsAndElementwiseOps() {
        FeatureMap m = FeatureMap.of(1, 1, 3, new float[] {-2, 0, 3});
        Layers.leakyRelu(m, 0.1f);
        assertThat(m.toArray()).containsExactly(-0.2f, 0f, 3f);
        Layers.relu(m);
        assertThat(m.toArray()).containsExactly(0f, 0f, 3f);
        Layers.biasAdd(m, new float[] {1, -1, 0});
        assertThat(m.toArray()).containsExactly(1f, -1f, 3f);
        FeatureMap acc = FeatureMap.of(1, 1, 3, new float[] {1, 1, 1});
        Layers.addInPlace(acc, m);
        assertThat(acc.toArray()).containsExactly(2f, 0f, 4f);
        Layers.reluInto(FeatureMap.of(1, 1, 3, new float[] {-1, 2, -3}), acc);
        assertThat(acc.toArray()).containsExactly(0f, 2f, 0f);
    }

    @Test
    void wrongOutputShapeIsRejected() {
        assertThatThrownBy(() -> Layers.conv2d(ramp(4), ones3x3(), 2, Padding.SAME, new FeatureMap(4, 4, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2x2x1");
    }

    @Test
    void fusedConvAndMaxPoolMatchesTheSeparateLayers() {
        Random rnd = new Random(7);
        for (int size : new int[] {9, 10, 17}) {
            int cin = 3;
            int cout = 6; // one block of four output channels plus a remainder
            float[][] planes = new float[cin][size * size];
            float[] nhwc = new float[size * size * cin];
            for (int p = 0; p < size * size; p++) {
                for (int c = 0; c < cin; c++) {
                    float v = (float) rnd.nextGaussian();
                    planes[c][p] = v;
                    nhwc[p * cin + c] = v;
                }
            }
            float[] hwio = new float[9 * cin * cout];
            for (int i = 0; i < hwio.length; i++) {
                hwio[i] = (float) rnd.nextGaussian();
            }
            float[] bias = {0.1f, -0.2f, 0.3f, 0f, 1f, -1f};
            ConvWeights conv = ConvWeights.fromHwio(3, cin, cout, hwio, bias);
            FeatureMap full = new FeatureMap(size - 2, size - 2, cout);
            Layers.conv2d(FeatureMap.of(size, size, cin, nhwc), conv, 1, Padding.VALID, full);
            int pooled = Padding.SAME.outputSize(size - 2, 2, 2);
            FeatureMap expected = new FeatureMap(pooled, pooled, cout);
            Layers.maxPool(full, 2, 2, Padding.SAME, expected);

            ConvMaxPoolRows fused = new ConvMaxPoolRows(conv, size, size);
            FeatureMap actual = new FeatureMap(fused.outputHeight(), fused.outputWidth(), cout);
            fused.apply(planes, actual);

            float[] e = expected.toArray();
            float[] a = actual.toArray();
            for (int i = 0; i < e.length; i++) {
                assertThat(a[i]).as("size %d element %d", size, i).isCloseTo(e[i], within(EPS));
            }
        }
    }

    @Test
    void batchNormFoldsIntoFiltersAndBias() {
        // y = gamma * (2x + 1 - mean) / sqrt(var) + beta = 3 * (2x + 1 - 1) / 2 + 0.5 = 3x + 0.5
        ConvWeights conv = ConvWeights.fromHwio(1, 1, 1, new float[] {2}, new float[] {1});
        ConvWeights folded = BatchNormFolding.fold(conv, new float[] {1}, new float[] {4}, new float[] {3},
                new float[] {0.5f}, 0);
        assertThat(folded.filters()[0][0]).isCloseTo(3f, within(EPS));
        assertThat(folded.bias()[0]).isCloseTo(0.5f, within(EPS));
    }

    @Test
    void nonMaxSuppressionKeepsTheBestOfOverlappingBoxes() {
        FaceDetection a = new FaceDetection(new FaceBox(0, 0, 10, 10), 0.9);
        FaceDetection b = new FaceDetection(new FaceBox(1, 1, 10, 10), 0.8);  // IoU 81/119 = 0.68 with a
        FaceDetection c = new FaceDetection(new FaceBox(20, 20, 10, 10), 0.7); // disjoint
        FaceDetection d = new FaceDetection(new FaceBox(5, 0, 10, 10), 0.95); // IoU 50/150 = 0.33 with a
        assertThat(NonMaxSuppression.apply(java.util.List.of(a, b, c, d), 0.4)).containsExactly(d, a, c);
    }
}
