package io.inverseface.render.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlbWriterTest {

    /** One quad as two triangles; a 5-byte "texture" checks padding of the binary chunk. */
    private static final float[] POSITIONS = {0, 0, 0, 10, 0, 0, 10, 10, 0, 0, 10, 1};
    private static final float[] NORMALS = {0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1};
    private static final float[] UVS = {0, 0, 1, 0, 1, 1, 0, 0.25f};
    private static final int[] TRIANGLES = {0, 1, 2, 0, 2, 3};
    private static final byte[] TEXTURE = {(byte) 0x89, 'P', 'N', 'G', 7};

    @Test
    void headerChunksAndBinaryLayoutFollowTheSpecification(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("quad.glb");
        GlbWriter.write(target, POSITIONS, NORMALS, UVS, TRIANGLES, TEXTURE, 1e-3);
        byte[] glb = Files.readAllBytes(target);
        ByteBuffer b = ByteBuffer.wrap(glb).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(b.getInt(0)).isEqualTo(GlbWriter.MAGIC);
        assertThat(new String(glb, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("glTF");
        assertThat(b.getInt(4)).isEqualTo(2);
        assertThat(b.getInt(8)).isEqualTo(glb.length);
        int jsonLength = b.getInt(12);
        assertThat(jsonLength % 4).isZero();
        assertThat(b.getInt(16)).isEqualTo(GlbWriter.CHUNK_JSON);
        String json = new String(glb, 20, jsonLength, StandardCharsets.UTF_8);
        int bin = 20 + jsonLength;
        int binLength = b.getInt(bin);
        assertThat(binLength % 4).isZero();
        assertThat(b.getInt(bin + 4)).isEqualTo(GlbWriter.CHUNK_BIN);
        assertThat(bin + 8 + binLength).isEqualTo(glb.length);

        assertThat(json.strip()).startsWith("{").endsWith("}");
        assertThat(json).contains("\"version\":\"2.0\"", "\"POSITION\":0", "\"NORMAL\":1", "\"TEXCOORD_0\":2",
                "\"indices\":3", "\"mimeType\":\"image/png\"", "\"scale\":[0.001,0.001,0.001]",
                "\"min\":[0.0,0.0,0.0]", "\"max\":[10.0,10.0,1.0]", "\"byteLength\":" + binLength + "}]");
        assertThat(counts(json)).containsExactly(4, 4, 4, 6);

        int data = bin + 8;
        // Positions first, then normals, uvs (v flipped to glTF's top-left origin), indices and the image.
        assertThat(b.getFloat(data + 12 * 3 + 8)).isEqualTo(1f); // z of vertex 3
        int uv = data + 24 * 4;
        assertThat(b.getFloat(uv + 8 * 3)).isEqualTo(0f);
        assertThat(b.getFloat(uv + 8 * 3 + 4)).isEqualTo(0.75f);
        int idx = uv + 8 * 4;
        assertThat(b.getInt(idx + 4 * 5)).isEqualTo(3);
        int img = idx + 4 * 6;
        assertThat(new byte[] {glb[img], glb[img + 1], glb[img + 4]}).containsExactly((byte) 0x89, (byte) 'P', (byte) 7);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("quad.glb");
    }

    @Test
    void inconsistentInputIsRejected() {
        assertThatThrownBy(() -> GlbWriter.toBytes(POSITIONS, NORMALS, new float[2], TRIANGLES, TEXTURE, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GlbWriter.toBytes(POSITIONS, NORMALS, UVS, new int[] {0, 1, 4}, TEXTURE, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
    }

    private static int[] counts(String json) {
        Matcher m = Pattern.compile("\"count\":(\\d+)").matcher(json);
        return m.results().mapToInt(r -> Integer.parseInt(r.group(1))).toArray();
    }
}
