package io.inverseface.core.landmarks.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each op against values worked out by hand. */
class KernelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static GraphNode node(String op, String attrs) {
        try {
            return GraphNode.parse(JSON.readTree("{\"name\":\"n\",\"op\":\"" + op + "\",\"attr\":{" + attrs + "}}"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String s(String value) {
        return "{\"s\":\"" + Base64.getEncoder().encodeToString(value.getBytes()) + "\"}";
    }

    static String ints(int... v) {
        StringBuilder b = new StringBuilder("{\"list\":{\"i\":[");
        for (int i = 0; i < v.length; i++) {
            b.append(i > 0 ? "," : "").append('"').append(v[i]).append('"');
        }
        return b.append("]}}").toString();
    }

    static Tensor t(int[] shape, float... v) {
        return new Tensor(shape, v);
    }

    @Test
    void conv2dSamePaddingStrideOneSumsTheNeighbourhood() {
        // 3x3 input 1..9, one 3x3 all-ones filter: each output is the sum over its in-image neighbours
        Tensor x = t(new int[] {1, 3, 3, 1}, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        Tensor f = t(new int[] {3, 3, 1, 1}, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        Tensor y = Kernels.run(node("Conv2D", "\"padding\":" + s("SAME") + ",\"strides\":" + ints(1, 1, 1, 1)),
                List.of(x, f));
        assertThat(y.shape()).containsExactly(1, 3, 3, 1);
        assertThat(y.data()).containsExactly(12, 21, 16, 27, 45, 33, 24, 39, 28);
    }

    @Test
    void conv2dStrideTwoSamePutsTheOddPaddingAfter() {
        // 4x4 input, 3x3 ones, stride 2: TF pads 0 before and 1 after, so output (0,0) covers rows/cols 0..2
        float[] v = new float[16];
        for (int i = 0; i < 16; i++) {
            v[i] = i;
        }
        Tensor f = t(new int[] {3, 3, 1, 1}, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        Tensor y = Kernels.run(node("Conv2D", "\"padding\":" + s("SAME") + ",\"strides\":" + ints(1, 2, 2, 1)),
                List.of(t(new int[] {1, 4, 4, 1}, v), f));
        assertThat(y.shape()).containsExactly(1, 2, 2, 1);
        // (0,0): 0+1+2+4+5+6+8+9+10 = 45; (0,1): cols 2..3 rows 0..2: 2+3+6+7+10+11 = 39
        // (1,0): rows 2..3 cols 0..2: 8+9+10+12+13+14 = 66; (1,1): 10+11+14+15 = 50
        assertThat(y.data()).containsExactly(45, 39, 66, 50);
    }

    @Test
    void fusedConvAddsBiasThenPrelu() {
        // 1x1 conv of two channels into two: [x0 - x1, x0 + x1] + bias, then prelu with slopes 0.5, 0.1
        Tensor x = t(new int[] {1, 1, 1, 2}, 1, 3);
        Tensor f = t(new int[] {1, 1, 2, 2}, 1, 1, -1, 1);
        Tensor bias = Tensor.vector(0.5f, 1f);
        Tensor alpha = t(new int[] {1, 1, 2}, 0.5f, 0.1f);
        Tensor y = Kernels.run(node("_FusedConv2D", "\"padding\":" + s("VALID") + ",\"strides\":" + ints(1, 1, 1, 1)
                + ",\"fused_ops\":{\"list\":{\"s\":[\"" + b64("BiasAdd") + "\",\"" + b64("Prelu") + "\"]}}"),
                List.of(x, f, bias, alpha));
        // x0 - x1 + 0.5 = -1.5 -> * 0.5 = -0.75; x0 + x1 + 1 = 5
        assertThat(y.data()).containsExactly(-0.75f, 5f);
    }

    @Test
    void fusedConvWithRelu() {
        Tensor x = t(new int[] {1, 1, 2, 1}, 2, -3);
        Tensor f = t(new int[] {1, 1, 1, 1}, 1);
        Tensor y = Kernels.run(node("_FusedConv2D", "\"padding\":" + s("VALID") + ",\"strides\":" + ints(1, 1, 1, 1)
                + ",\"fused_ops\":{\"list\":{\"s\":[\"" + b64("BiasAdd") + "\",\"" + b64("Relu") + "\"]}}"),
                List.of(x, f, Tensor.vector(1f)));
        assertThat(y.data()).containsExactly(3f, 0f);
    }

    @Test
    void depthwiseKeepsChannelsApart() {
        // 2x2x2 input, 2x2 VALID filter: channel 0 weights all 1, channel 1 weights all 2
        Tensor x = t(new int[] {1, 2, 2, 2}, 1, 10, 2, 20, 3, 30, 4, 40);
        Tensor f = t(new int[] {2, 2, 2, 1}, 1, 2, 1, 2, 1, 2, 1, 2);
        Tensor y = Kernels.run(node("DepthwiseConv2dNative", "\"padding\":" + s("VALID") + ",\"strides\":"
                + ints(1, 1, 1, 1)), List.of(x, f));
        assertThat(y.shape()).containsExactly(1, 1, 1, 2);
        assertThat(y.data()).containsExactly(10f, 200f);
    }

    @Test
    void depthwiseSameStrideOneMatchesConvPerChannel() {
        // 3x3 single channel, 3x3 filter with a 1 in the centre-right: output(y,x) = input(y,x+1), 0 past the edge
        Tensor x = t(new int[] {1, 3, 3, 1}, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        Tensor f = t(new int[] {3, 3, 1, 1}, 0, 0, 0, 0, 0, 1, 0, 0, 0);
        Tensor y = Kernels.run(node("DepthwiseConv2dNative", "\"padding\":" + s("SAME") + ",\"strides\":"
                + ints(1, 1, 1, 1)), List.of(x, f));
        assertThat(y.data()).containsExactly(2, 3, 0, 5, 6, 0, 8, 9, 0);
    }

    @Test
    void maxPoolTwoByTwo() {
        Tensor x = t(new int[] {1, 2, 4, 1}, 1, 5, 2, 0, -1, 3, 7, 8);
        Tensor y = Kernels.run(node("MaxPool", "\"padding\":" + s("VALID") + ",\"strides\":" + ints(1, 2, 2, 1)
                + ",\"ksize\":" + ints(1, 2, 2, 1)), List.of(x));
        assertThat(y.shape()).containsExactly(1, 1, 2, 1);
        assertThat(y.data()).containsExactly(5, 8);
    }

    @Test
    void maxPoolSameIgnoresThePadding() {
        Tensor x = t(new int[] {1, 1, 3, 1}, -4, -2, -3);
        Tensor y = Kernels.run(node("MaxPool", "\"padding\":" + s("SAME") + ",\"strides\":" + ints(1, 2, 2, 1)
                + ",\"ksize\":" + ints(1, 2, 2, 1)), List.of(x));
        // windows [-4, -2] and [-3, pad]: the pad must not count as 0
        assertThat(y.data()).containsExactly(-2, -3);
    }

    @Test
    void padAddsZerosPerAxis() {
        Tensor x = t(new int[] {1, 1, 2, 1}, 7, 8);
        Tensor pads = t(new int[] {4, 2}, 0, 0, 1, 0, 0, 1, 1, 0);
        Tensor y = Kernels.run(node("Pad", ""), List.of(x, pads));
        assertThat(y.shape()).containsExactly(1, 2, 3, 2);
        assertThat(y.data()).containsExactly(0, 0, 0, 0, 0, 0, 0, 7, 0, 8, 0, 0);
    }

    @Test
    void reshapeInfersMinusOne() {
        Tensor y = Kernels.run(node("Reshape", ""), List.of(Tensor.zeros(1, 4, 6), Tensor.vector(-1, 3)));
        assertThat(y.shape()).containsExactly(8, 3);
        assertThatThrownBy(() -> Kernels.run(node("Reshape", ""), List.of(Tensor.zeros(1, 4, 6), Tensor.vector(5, -1))))
                .isInstanceOf(GraphModelException.class).hasMessageContaining("reshape");
    }

    @Test
    void concatAlongMiddleAxis() {
        Tensor a = t(new int[] {2, 1, 2}, 1, 2, 3, 4);
        Tensor b = t(new int[] {2, 2, 2}, 5, 6, 7, 8, 9, 10, 11, 12);
        Tensor y = Kernels.run(node("ConcatV2", ""), List.of(a, b, Tensor.scalar(-2)));
        assertThat(y.shape()).containsExactly(2, 3, 2);
        assertThat(y.data()).containsExactly(1, 2, 5, 6, 7, 8, 3, 4, 9, 10, 11, 12);
    }

    @Test
    void binaryOpsBroadcast() {
        Tensor a = t(new int[] {2, 3}, 1, 2, 3, 4, 5, 6);
        assertThat(Kernels.run(node("AddV2", ""), List.of(a, Tensor.vector(10, 20, 30))).data())
                .containsExactly(11, 22, 33, 14, 25, 36);
        assertThat(Kernels.run(node("Mul", ""), List.of(a, t(new int[] {2, 1}, 2, -1))).data())
                .containsExactly(2, 4, 6, -4, -5, -6);
        assertThat(Kernels.run(node("Sub", ""), List.of(Tensor.scalar(1), a)).data())
                .containsExactly(0, -1, -2, -3, -4, -5);
        assertThatThrownBy(() -> Kernels.run(node("AddV2", ""), List.of(a, Tensor.vector(1, 2))))
                .isInstanceOf(GraphModelException.class).hasMessageContaining("broadcast");
    }

    @Test
    void activations() {
        Tensor x = Tensor.vector(-2, 0, 3, 8);
        assertThat(Kernels.run(node("Relu", ""), List.of(x)).data()).containsExactly(0, 0, 3, 8);
        assertThat(Kernels.run(node("Relu6", ""), List.of(x)).data()).containsExactly(0, 0, 3, 6);
        assertThat(Kernels.run(node("Prelu", ""), List.of(x, Tensor.vector(0.25f))).data())
                .containsExactly(-0.5f, 0, 3, 8);
        float[] sig = Kernels.run(node("Sigmoid", ""), List.of(x)).data();
        assertThat(sig[1]).isEqualTo(0.5f);
        assertThat(sig[0]).isCloseTo((float) (1 / (1 + Math.exp(2))), within(1e-7f));
    }

    @Test
    void unsupportedAttributesAreTypedErrors() {
        assertThatThrownBy(() -> Kernels.run(node("Conv2D", "\"padding\":" + s("EXPLICIT")),
                List.of(Tensor.zeros(1, 2, 2, 1), Tensor.zeros(1, 1, 1, 1))))
                .isInstanceOf(GraphModelException.class).hasMessageContaining("EXPLICIT");
        assertThatThrownBy(() -> Kernels.run(node("Conv2D", "\"data_format\":" + s("NCHW")),
                List.of(Tensor.zeros(1, 2, 2, 1), Tensor.zeros(1, 1, 1, 1))))
                .isInstanceOf(GraphModelException.class).hasMessageContaining("NCHW");
        assertThatThrownBy(() -> Kernels.run(node("Conv2D", "\"padding\":" + s("VALID")),
                List.of(Tensor.zeros(1, 2, 2, 3), Tensor.zeros(1, 1, 2, 1))))
                .isInstanceOf(GraphModelException.class).hasMessageContaining("input channels");
    }

    static String b64(String v) {
        return Base64.getEncoder().encodeToString(v.getBytes());
    }
}
