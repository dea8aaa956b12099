package io.inverseface.core.landmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inverseface.data.weights.FaceApiModel;
import io.inverseface.data.weights.FaceApiWeights;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TfjsWeightsTest {

    @Test
    void uint8DequantisationIsQuantumTimesScalePlusMin() {
        float[] out = new float[3];
        TfjsWeights.dequantize(new byte[] {0, 1, (byte) 255}, 0.5f, -1f, out);
        assertThat(out).containsExactly(-1f, -0.5f, 126.5f);
    }

    @Test
    void float16WidensExactly() {
        assertThat(TfjsWeights.halfToFloat((short) 0x3c00)).isEqualTo(1f);
        assertThat(TfjsWeights.halfToFloat((short) 0xc000)).isEqualTo(-2f);
        assertThat(TfjsWeights.halfToFloat((short) 0x3555)).isEqualTo(0.33325195f);
        assertThat(TfjsWeights.halfToFloat((short) 0x7bff)).isEqualTo(65504f);
        assertThat(TfjsWeights.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(TfjsWeights.halfToFloat((short) 0x8000)).isEqualTo(-0f);
        assertThat(TfjsWeights.halfToFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(TfjsWeights.halfToFloat((short) 0x7e00)).isNaN();
    }

    @Test
    void readsQuantisedAndFloatTensorsAcrossShards() {
        String manifest = """
                [{"paths": ["a.bin", "b.bin"], "weights": [
                  {"name": "q", "shape": [3], "dtype": "float32",
                   "quantization": {"dtype": "uint8", "scale": 0.25, "min": -0.5}},
                  {"name": "f", "shape": [1, 2], "dtype": "float32"}]}]
                """;
        ByteBuffer floats = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f);
        byte[] all = new byte[11];
        all[0] = 0;
        all[1] = 2;
        all[2] = 10;
        System.arraycopy(floats.array(), 0, all, 3, 8);
        // the group's bytes are split over two shards at an arbitrary point
        Map<String, byte[]> shards = Map.of("a.bin", Arrays.copyOfRange(all, 0, 5),
                "b.bin", Arrays.copyOfRange(all, 5, 11));

        TfjsWeights w = TfjsWeights.read("test", stream(manifest), p -> new ByteArrayInputStream(shards.get(p)));

        assertThat(w.tensor("q").values()).containsExactly(-0.5f, 0f, 2f);
        assertThat(w.tensor("f").shape()).containsExactly(1, 2);
        assertThat(w.tensor("f").values()).containsExactly(1.5f, -2f);
    }

    @Test
    void shortShardIsATypedError() {
        String manifest = """
                [{"paths": ["a.bin"], "weights": [{"name": "f", "shape": [4], "dtype": "float32"}]}]
                """;
        assertThatThrownBy(() -> TfjsWeights.read("test", stream(manifest),
                p -> new ByteArrayInputStream(new byte[6])))
                .isInstanceOf(LandmarkModelException.class).hasMessageContaining("f");
    }

    @Test
    void bundledModelsLoadWithTheExpectedLayers() {
        TfjsWeights detector = TfjsWeights.load(FaceApiModel.TINY_FACE_DETECTOR);
        assertThat(detector.tensors()).hasSize(19);
        assertThat(detector.conv("conv0").outChannels()).isEqualTo(16);
        assertThat(detector.separable("conv5").outChannels()).isEqualTo(512);
        assertThat(detector.conv("conv8").outChannels()).isEqualTo(25);
        // dequantised values stay within the manifest's [min, min + 255 * scale]
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : detector.tensor("conv0/filters").values()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isGreaterThanOrEqualTo(-1.2069440f - 1e-6f);
        assertThat(max).isLessThanOrEqualTo(-1.2069440f + 255 * 0.009007045f + 1e-6f);

        TfjsWeights landmarks = TfjsWeights.load(FaceApiModel.FACE_LANDMARK_68);
        assertThat(landmarks.dense("fc").outputs()).isEqualTo(136);
        assertThat(landmarks.dense("fc").inputs()).isEqualTo(256);
        assertThat(TfjsWeights.load(FaceApiModel.FACE_LANDMARK_68_TINY).dense("fc").inputs()).isEqualTo(128);
    }

    @Test
    void licenceTextShipsWithTheWeights() {
        assertThat(FaceApiWeights.licenseText()).contains("MIT License").contains("Vladimir Mandic");
    }

    @Test
    void missingTensorIsATypedError() {
        TfjsWeights detector = TfjsWeights.load(FaceApiModel.TINY_FACE_DETECTOR);
        assertThatThrownBy(() -> detector.conv("conv9")).isInstanceOf(LandmarkModelException.class)
                .hasMessageContaining("conv9/filters");
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
