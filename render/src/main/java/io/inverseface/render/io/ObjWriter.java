package io.inverseface.render.io;

import io.inverseface.render.Mesh;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Wavefront OBJ output, written atomically through {@link AtomicFiles}. Vertices are written as
 * {@code v x y z} or, with colours, {@code v x y z r g b} (the common per-vertex-colour extension, values in
 * [0, 1]); faces use 1-based indices. Numbers use {@link Float#toString(float)}, which round-trips exactly.
 */
public final class ObjWriter {
    private ObjWriter() { }

    /** Geometry only. */
    public static void write(Path target, Mesh mesh) throws IOException {
        write(target, mesh, null);
    }

    /** Geometry with optional per-vertex colours ({@code rgb}: 3 per vertex, or null). */
    public static void write(Path target, Mesh mesh, float[] rgb) throws IOException {
        checkLength("colours", rgb, 3, mesh);
        AtomicFiles.write(target, out -> writeObj(out, mesh, rgb, null, null));
    }

    /**
     * Geometry with per-vertex texture coordinates ({@code uv}: 2 per vertex, v up) and a material file
     * next to the OBJ (same base name, {@code .mtl}) whose diffuse map is {@code textureFileName} (relative to
     * the OBJ's directory). Both files are written atomically, the MTL first.
     */
    public static void writeTextured(Path target, Mesh mesh, float[] uv, String textureFileName) throws IOException {
        checkLength("uvs", uv, 2, mesh);
        if (uv == null) {
            throw new IllegalArgumentException("uvs are required for a textured OBJ");
        }
        if (textureFileName == null || textureFileName.isBlank() || textureFileName.contains("\n")) {
            throw new IllegalArgumentException("texture file name must be a non-blank single line");
        }
        String base = target.getFileName().toString();
        int dot = base.lastIndexOf('.');
        String mtlName = (dot > 0 ? base.substring(0, dot) : base) + ".mtl";
        Path mtl = target.resolveSibling(mtlName);
        AtomicFiles.writeString(mtl, "newmtl face\nKa 1 1 1\nKd 1 1 1\nKs 0 0 0\nillum 1\nmap_Kd " + textureFileName + "\n");
        AtomicFiles.write(target, out -> writeObj(out, mesh, null, uv, mtlName));
    }

    private static void checkLength(String what, float[] values, int per, Mesh mesh) {
        if (values != null && values.length != per * mesh.vertexCount()) {
            throw new IllegalArgumentException(what + " need " + per + " values per vertex (" + per * mesh.vertexCount()
                    + "), got " + values.length);
        }
    }

    private static void writeObj(OutputStream os, Mesh mesh, float[] rgb, float[] uv, String mtlName) throws IOException {
        Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(256);
        sb.append("# inverseface mesh: ").append(mesh.vertexCount()).append(" vertices, ")
                .append(mesh.triangleCount()).append(" triangles\n");
        if (mtlName != null) {
            sb.append("mtllib ").append(mtlName).append('\n');
        }
        float[] p = mesh.positions();
        for (int i = 0; i < mesh.vertexCount(); i++) {
            sb.append("v ").append(p[3 * i]).append(' ').append(p[3 * i + 1]).append(' ').append(p[3 * i + 2]);
            if (rgb != null) {
                sb.append(' ').append(rgb[3 * i]).append(' ').append(rgb[3 * i + 1]).append(' ').append(rgb[3 * i + 2]);
            }
            sb.append('\n');
            if (sb.length() > 1 << 16) { w.append(sb); sb.setLength(0); }
        }
        if (uv != null) {
            for (int i = 0; i < mesh.vertexCount(); i++) {
                sb.append("vt ").append(uv[2 * i]).append(' ').append(uv[2 * i + 1]).append('\n');
                if (sb.length() > 1 << 16) { w.append(sb); sb.setLength(0); }
            }
            sb.append("usemtl face\n");
        }
        int[] t = mesh.triangles();
        for (int f = 0; f < t.length; f += 3) {
            sb.append('f');
            for (int k = 0; k < 3; k++) {
                int idx = t[f + k] + 1;
                sb.append(' ').append(idx);
                if (uv != null) {
                    sb.append('/').append(idx);
                }
            }
            sb.append('\n');
            if (sb.length() > 1 << 16) { w.append(sb); sb.setLength(0); }
        }
        w.append(sb);
        w.flush();
    }
}
