package io.inverseface.core.landmarks.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.data.weights.MediaPipeModel;
import io.inverseface.data.weights.MediaPipeWeights;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bundled MediaPipe graphs against TF.js 4.22 (CPU backend) on the same synthetic input; the
 * references were made by {@code tfjs-reference.js} next to them.
 */
class GraphModelParityTest {

    static GraphModel load(MediaPipeModel m) throws IOException {
        try (InputStream in = MediaPipeWeights.openModel(m)) {
            return GraphModel.read(m.baseName(), in, MediaPipeWeights::openShard);
        }
    }

    static Tensor syntheticInput(int size) {
        float[] v = new float[size * size * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (Math.sin(i * 0.0137) * 0.9 + 0.05 * Math.cos(i * 0.311));
        }
        return new Tensor(new int[] {1, size, size, 3}, v);
    }

    static float[] reference(String name) {
        try (InputStream in = GraphModelParityTest.class.getResourceAsStream(name)) {
            ByteBuffer b = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            float[] f = new float[b.remaining() / 4];
            b.asFloatBuffer().get(f);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double maxDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    @Test
    void faceMeshMatchesTfjs() throws IOException {
        GraphModel g = load(MediaPipeModel.FACE_MESH);
        Map<String, Tensor> out = g.run(Map.of("input_1", syntheticInput(192)), List.of("Identity_2", "Identity_1"));
        // mesh coordinates reach ~160 (crop pixels); TF.js and Java agree to ~1e-4
        assertThat(maxDiff(out.get("Identity_2").data(), reference("facemesh-tfjs-mesh.f32"))).isLessThan(1e-3);
        assertThat(maxDiff(out.get("Identity_1").data(), reference("facemesh-tfjs-faceflag.f32"))).isLessThan(1e-6);
    }

    @Test
    void blazeFaceMatchesTfjs() throws IOException {
        GraphModel g = load(MediaPipeModel.BLAZEFACE);
        Map<String, Tensor> out = g.run(Map.of("input", syntheticInput(256)),
                List.of("Identity", "Identity_1", "Identity_2", "Identity_3"));
        assertThat(maxDiff(out.get("Identity").data(), reference("blazeface-tfjs-scores512.f32"))).isLessThan(3e-3);
        assertThat(maxDiff(out.get("Identity_1").data(), reference("blazeface-tfjs-scores384.f32"))).isLessThan(3e-3);
        assertThat(maxDiff(out.get("Identity_2").data(), reference("blazeface-tfjs-boxes512.f32"))).isLessThan(3e-3);
        assertThat(maxDiff(out.get("Identity_3").data(), reference("blazeface-tfjs-boxes384.f32"))).isLessThan(3e-3);
    }
}
