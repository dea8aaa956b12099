package io.inverseface.render.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inverseface.render.Mesh;
import io.inverseface.render.Meshes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshWritersTest {
    @TempDir
    Path dir;

    private static float[] colours(Mesh m) {
        float[] c = new float[3 * m.vertexCount()];
        for (int i = 0; i < c.length; i++) c[i] = ((i * 37) % 256) / 255f;
        return c;
    }

    @Test
    void objRoundTripWithColours() throws IOException {
        Mesh m = Meshes.icosphere(2, 1.7f);
        float[] rgb = colours(m);
        Path file = dir.resolve("sphere.obj");
        ObjWriter.write(file, m, rgb);
        List<Float> pos = new ArrayList<>(), col = new ArrayList<>();
        List<Integer> idx = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.trim().split("\\s+");
            if (f[0].equals("v")) {
                assertThat(f).hasSize(7);
                for (int k = 1; k <= 3; k++) pos.add(Float.parseFloat(f[k]));
                for (int k = 4; k <= 6; k++) col.add(Float.parseFloat(f[k]));
            } else if (f[0].equals("f")) {
                for (int k = 1; k <= 3; k++) idx.add(Integer.parseInt(f[k]) - 1);
            }
        }
        assertThat(pos).hasSize(m.positions().length);
        for (int i = 0; i < pos.size(); i++) {
            assertThat(pos.get(i)).isEqualTo(m.positions()[i]);
            assertThat(col.get(i)).isEqualTo(rgb[i]);
        }
        assertThat(idx.stream().mapToInt(Integer::intValue).toArray()).isEqualTo(m.triangles());
    }

    @Test
    void texturedObjReferencesMaterialAndUvs() throws IOException {
        Mesh m = Meshes.grid(2, 1, 0, 0, 1);
        float[] uv = new float[2 * m.vertexCount()];
        for (int i = 0; i < uv.length; i++) uv[i] = i / (float) uv.length;
        Path file = dir.resolve("face.obj");
        ObjWriter.writeTextured(file, m, uv, "face_texture.png");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).contains("mtllib face.mtl", "usemtl face");
        assertThat(lines.stream().filter(l -> l.startsWith("vt ")).count()).isEqualTo(m.vertexCount());
        assertThat(lines).contains("vt " + uv[0] + " " + uv[1]);
        assertThat(lines.stream().filter(l -> l.startsWith("f ")).findFirst().orElseThrow()).matches("f \\d+/\\d+ \\d+/\\d+ \\d+/\\d+");
        assertThat(Files.readString(dir.resolve("face.mtl"))).contains("map_Kd face_texture.png");
        assertThatThrownBy(() -> ObjWriter.writeTextured(dir.resolve("x.obj"), m, new float[3], "t.png"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uvs");
    }

    @Test
    void binaryPlyRoundTrip() throws IOException {
        Mesh m = Meshes.icosphere(1, 3f);
        float[] rgb = colours(m);
        Path file = dir.resolve("sphere.ply");
        PlyWriter.write(file, m, rgb);
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.US_ASCII);
        int end = text.indexOf("end_header\n") + "end_header\n".length();
        String header = text.substring(0, end);
        assertThat(header).startsWith("ply\nformat binary_little_endian 1.0\n")
                .contains("element vertex " + m.vertexCount(), "property uchar red", "element face " + m.triangleCount(),
                        "property list uchar int vertex_indices");
        ByteBuffer buf = ByteBuffer.wrap(bytes, end, bytes.length - end).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < m.vertexCount(); i++) {
            for (int k = 0; k < 3; k++) assertThat(buf.getFloat()).isEqualTo(m.positions()[3 * i + k]);
            for (int k = 0; k < 3; k++) assertThat((buf.get() & 0xff) / 255f).isEqualTo(rgb[3 * i + k]);
        }
        for (int f = 0; f < m.triangleCount(); f++) {
            assertThat(buf.get()).isEqualTo((byte) 3);
            for (int k = 0; k < 3; k++) assertThat(buf.getInt()).isEqualTo(m.triangles()[3 * f + k]);
        }
        assertThat(buf.remaining()).isZero();
    }

    @Test
    void badColourLengthIsRejectedWithoutCreatingFiles() throws IOException {
        Mesh m = Meshes.icosphere(0, 1f);
        assertThatThrownBy(() -> PlyWriter.write(dir.resolve("a.ply"), m, new float[5])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("colours");
        assertThatThrownBy(() -> ObjWriter.write(dir.resolve("a.obj"), m, new float[5])).isInstanceOf(IllegalArgumentException.class);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.count()).isZero();
        }
    }
}
