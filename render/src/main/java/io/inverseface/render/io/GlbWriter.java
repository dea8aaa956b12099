package io.inverseface.render.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Binary glTF 2.0 ({@code .glb}) output of one textured triangle mesh, written atomically through
 * {@link AtomicFiles}: positions, unit normals, texture coordinates, 32-bit indices and the base-colour
 * texture as an embedded PNG, all in one binary chunk.
 *
 * <p>Written by hand rather than through a glTF library: the document is a fixed shape with a handful of
 * numbers, which a small generator covers without adding a dependency to this module. Positions stay in
 * the caller's unit; {@code unitScale} goes into the node's {@code scale} (glTF's unit is the metre, so
 * millimetres pass 0.001). Texture coordinates are taken with v up, as OBJ and the face model store them,
 * and flipped to glTF's v-down convention here.
 */
public final class GlbWriter {

    static final int MAGIC = 0x46546C67; // "glTF"
    static final int VERSION = 2;
    static final int CHUNK_JSON = 0x4E4F534A; // "JSON"
    static final int CHUNK_BIN = 0x004E4942; // "BIN\0"

    private GlbWriter() { }

    /**
     * @param target     the {@code .glb} file
     * @param positions  xyz per vertex
     * @param normals    unit xyz per vertex
     * @param uvs        uv per vertex, v up (flipped on the way out)
     * @param triangles  three vertex indices per triangle, counter-clockwise from outside
     * @param texturePng the base-colour texture, PNG bytes
     * @param unitScale  node scale that converts the positions' unit to metres
     */
    public static void write(Path target, float[] positions, float[] normals, float[] uvs, int[] triangles,
                             byte[] texturePng, double unitScale) throws IOException {
        AtomicFiles.write(target, out -> out.write(toBytes(positions, normals, uvs, triangles, texturePng, unitScale)));
    }

    /** The whole file in memory (the texture dominates its size); see {@link #write}. */
    public static byte[] toBytes(float[] positions, float[] normals, float[] uvs, int[] triangles, byte[] texturePng,
                                 double unitScale) {
        Objects.requireNonNull(texturePng, "texturePng");
        int n = positions.length / 3;
        if (positions.length != 3 * n || normals.length != 3 * n || uvs.length != 2 * n) {
            throw new IllegalArgumentException("need 3 position, 3 normal and 2 uv values per vertex; got "
                    + positions.length + ", " + normals.length + ", " + uvs.length);
        }
        if (triangles.length % 3 != 0) {
            throw new IllegalArgumentException("triangle indices must come in threes, got " + triangles.length);
        }
        for (int v : triangles) {
            if (v < 0 || v >= n) {
                throw new IllegalArgumentException("triangle index " + v + " out of range [0, " + n + ")");
            }
        }
        if (!(unitScale > 0)) {
            throw new IllegalArgumentException("unitScale must be > 0, got " + unitScale);
        }
        // Binary chunk layout: each view starts on a 4-byte boundary (accessor alignment rule).
        int posOff = 0, posLen = 12 * n;
        int nrmOff = posOff + posLen, nrmLen = 12 * n;
        int uvOff = nrmOff + nrmLen, uvLen = 8 * n;
        int idxOff = uvOff + uvLen, idxLen = 4 * triangles.length;
        int imgOff = idxOff + idxLen, imgLen = texturePng.length;
        int binLen = pad4(imgOff + imgLen);
        ByteBuffer bin = ByteBuffer.allocate(binLen).order(ByteOrder.LITTLE_ENDIAN);
        float[] min = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE};
        float[] max = {-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
        for (int i = 0; i < 3 * n; i++) {
            float p = positions[i];
            bin.putFloat(p);
            min[i % 3] = Math.min(min[i % 3], p);
            max[i % 3] = Math.max(max[i % 3], p);
        }
        for (float v : normals) {
            bin.putFloat(v);
        }
        for (int i = 0; i < n; i++) {
            bin.putFloat(uvs[2 * i]).putFloat(1f - uvs[2 * i + 1]);
        }
        for (int v : triangles) {
            bin.putInt(v);
        }
        bin.put(texturePng);
        if (n == 0) {
            min = new float[3];
            max = new float[3];
        }

        String json = json(n, triangles.length, min, max, unitScale,
                new int[][] {{posOff, posLen}, {nrmOff, nrmLen}, {uvOff, uvLen}, {idxOff, idxLen}, {imgOff, imgLen}},
                binLen);
        byte[] jsonBytes = json.getBytes(StandardCharsets.UTF_8);
        int jsonLen = pad4(jsonBytes.length);
        int total = 12 + 8 + jsonLen + 8 + binLen;
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAGIC).putInt(VERSION).putInt(total);
        out.putInt(jsonLen).putInt(CHUNK_JSON).put(jsonBytes);
        for (int i = jsonBytes.length; i < jsonLen; i++) {
            out.put((byte) ' '); // the JSON chunk pads with spaces
        }
        out.putInt(binLen).putInt(CHUNK_BIN).put(bin.array());
        return out.array();
    }

    private static int pad4(int length) {
        return (length + 3) & ~3;
    }

    private static String json(int vertices, int indices, float[] min, float[] max, double unitScale, int[][] views,
                               int binLen) {
        StringBuilder s = new StringBuilder(2048);
        s.append("{\"asset\":{\"version\":\"2.0\",\"generator\":\"inverseface\"},");
        s.append("\"scene\":0,\"scenes\":[{\"nodes\":[0]}],");
        String scale = num(unitScale);
        s.append("\"nodes\":[{\"name\":\"face\",\"mesh\":0,\"scale\":[").append(scale).append(',').append(scale)
                .append(',').append(scale).append("]}],");
        s.append("\"meshes\":[{\"name\":\"face\",\"primitives\":[{\"attributes\":{\"POSITION\":0,\"NORMAL\":1,")
                .append("\"TEXCOORD_0\":2},\"indices\":3,\"material\":0,\"mode\":4}]}],");
        // Skin is not metal and not glossy at this level of modelling: a rough dielectric.
        s.append("\"materials\":[{\"name\":\"albedo\",\"pbrMetallicRoughness\":{\"baseColorTexture\":{\"index\":0},")
                .append("\"metallicFactor\":0,\"roughnessFactor\":1}}],");
        s.append("\"textures\":[{\"sampler\":0,\"source\":0}],");
        s.append("\"samplers\":[{\"magFilter\":9729,\"minFilter\":9987,\"wrapS\":33071,\"wrapT\":33071}],");
        s.append("\"images\":[{\"bufferView\":4,\"mimeType\":\"image/png\"}],");
        s.append("\"accessors\":[");
        s.append("{\"bufferView\":0,\"componentType\":5126,\"count\":").append(vertices)
                .append(",\"type\":\"VEC3\",\"min\":[").append(num(min[0])).append(',').append(num(min[1])).append(',')
                .append(num(min[2])).append("],\"max\":[").append(num(max[0])).append(',').append(num(max[1]))
                .append(',').append(num(max[2])).append("]},");
        s.append("{\"bufferView\":1,\"componentType\":5126,\"count\":").append(vertices).append(",\"type\":\"VEC3\"},");
        s.append("{\"bufferView\":2,\"componentType\":5126,\"count\":").append(vertices).append(",\"type\":\"VEC2\"},");
        s.append("{\"bufferView\":3,\"componentType\":5125,\"count\":").append(indices).append(",\"type\":\"SCALAR\"}],");
        s.append("\"bufferViews\":[");
        int[] targets = {34962, 34962, 34962, 34963, 0}; // ARRAY_BUFFER, ELEMENT_ARRAY_BUFFER, none for the image
        for (int i = 0; i < views.length; i++) {
            s.append(i == 0 ? "" : ",").append("{\"buffer\":0,\"byteOffset\":").append(views[i][0])
                    .append(",\"byteLength\":").append(views[i][1]);
            if (targets[i] != 0) {
                s.append(",\"target\":").append(targets[i]);
            }
            s.append('}');
        }
        s.append("],\"buffers\":[{\"byteLength\":").append(binLen).append("}]}");
        return s.toString();
    }

    /** JSON has no NaN or infinity; callers pass finite geometry, but never emit an invalid document. */
    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "0";
    }

    /** Float.toString round-trips, so min/max equal the stored floats exactly, as validators check. */
    private static String num(float v) {
        return Float.isFinite(v) ? Float.toString(v) : "0";
    }
}
