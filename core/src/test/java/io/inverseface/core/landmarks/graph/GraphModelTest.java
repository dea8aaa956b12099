package io.inverseface.core.landmarks.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The executor on a small hand-built graph: x -> conv(1x1, w) + b -> relu -> add x -> reshape. */
class GraphModelTest {

    private static final String MODEL = """
            {"format": "graph-model", "modelTopology": {"node": [
              {"name": "x", "op": "Placeholder", "attr": {}},
              {"name": "w", "op": "Const", "attr": {}},
              {"name": "b", "op": "Const", "attr": {}},
              {"name": "shape", "op": "Const", "attr": {}},
              {"name": "conv", "op": "_FusedConv2D", "input": ["x", "w", "b"], "attr": {
                 "padding": {"s": "VkFMSUQ="}, "strides": {"list": {"i": ["1", "1", "1", "1"]}},
                 "fused_ops": {"list": {"s": ["Qmlhc0FkZA==", "UmVsdQ=="]}}}},
              {"name": "sum", "op": "AddV2", "input": ["conv", "x:0", "^w"]},
              {"name": "out", "op": "Reshape", "input": ["sum", "shape"]},
              {"name": "unused", "op": "Neg", "input": ["x"]}
            ]},
            "weightsManifest": [{"paths": ["g.bin"], "weights": [
              {"name": "w", "shape": [1, 1, 2, 2], "dtype": "float32", "quantization": {"dtype": "float16"}},
              {"name": "b", "shape": [2], "dtype": "float32"},
              {"name": "shape", "shape": [1], "dtype": "int32"}]}]}
            """;

    private static byte[] shard() {
        ByteBuffer b = ByteBuffer.allocate(4 * 2 + 2 * 4 + 4).order(ByteOrder.LITTLE_ENDIAN);
        // w = [[1, -1], [2, 0.5]] as float16: 1 = 0x3c00, -1 = 0xbc00, 2 = 0x4000, 0.5 = 0x3800
        b.putShort((short) 0x3c00).putShort((short) 0xbc00).putShort((short) 0x4000).putShort((short) 0x3800);
        b.putFloat(0.5f).putFloat(-10f);
        b.putInt(-1);
        return b.array();
    }

    private static GraphModel model() {
        InputStream json = new ByteArrayInputStream(MODEL.getBytes(StandardCharsets.UTF_8));
        return GraphModel.read("tiny", json, p -> new ByteArrayInputStream(shard()));
    }

    @Test
    void runsTheNodesInDependencyOrder() {
        GraphModel g = model();
        assertThat(g.inputNames()).containsExactly("x");
        // pixel (1, 3): conv = [1*1 + 3*2 + 0.5, 1*-1 + 3*0.5 - 10] = [7.5, -9.5] -> relu [7.5, 0] -> + x = [8.5, 3]
        // pixel (-2, 0): conv = [-1.5, 2 - 10] -> relu [0, 0] -> + x = [-2, 0]
        Tensor x = new Tensor(new int[] {1, 1, 2, 2}, new float[] {1, 3, -2, 0});
        Map<String, Tensor> out = g.run(Map.of("x", x), List.of("out:0", "conv"));
        assertThat(out.get("out:0").shape()).containsExactly(4);
        assertThat(out.get("out:0").data()).containsExactly(8.5f, 3f, -2f, 0f);
        assertThat(out.get("conv").data()).containsExactly(7.5f, 0f, 0f, 0f);
        // a second run with the cached plan gives the same
        assertThat(g.run(Map.of("x", x), List.of("out")).get("out").data()).containsExactly(8.5f, 3f, -2f, 0f);
    }

    @Test
    void missingInputAndUnknownNodeAreTypedErrors() {
        GraphModel g = model();
        assertThatThrownBy(() -> g.run(Map.of(), List.of("out")))
                .isInstanceOf(GraphModelException.class).hasMessageContaining("input x");
        assertThatThrownBy(() -> g.run(Map.of("x", Tensor.zeros(1, 1, 1, 2)), List.of("nope")))
                .isInstanceOf(GraphModelException.class).hasMessageContaining("nope");
    }

    @Test
    void unsupportedOpIsRejectedAtLoad() {
        String bad = MODEL.replace("\"op\": \"Neg\"", "\"op\": \"FFT\"");
        assertThatThrownBy(() -> GraphModel.read("bad", new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)),
                p -> new ByteArrayInputStream(shard())))
                .isInstanceOf(GraphModelException.class).hasMessageContaining("FFT");
    }

    @Test
    void constantWithoutWeightsIsRejectedAtLoad() {
        String bad = MODEL.replace("{\"name\": \"shape\", \"op\": \"Const\"", "{\"name\": \"shape2\", \"op\": \"Const\"");
        assertThatThrownBy(() -> GraphModel.read("bad", new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)),
                p -> new ByteArrayInputStream(shard())))
                .isInstanceOf(GraphModelException.class).hasMessageContaining("shape2");
    }
}
