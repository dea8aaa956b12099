package io.inverseface.render.io;

import io.inverseface.render.Mesh;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Binary little-endian PLY output (written atomically through {@link AtomicFiles}): {@code float x, y, z}
 * per vertex, optionally {@code uchar red, green, blue} (colours in [0, 1] mapped to
 * {@code round(255·clamp(v))}), and faces as {@code list uchar int vertex_indices}.
 */
public final class PlyWriter {
    private PlyWriter() { }

    /** Geometry only. */
    public static void write(Path target, Mesh mesh) throws IOException {
        write(target, mesh, null);
    }

    /** Geometry with optional per-vertex colours ({@code rgb}: 3 per vertex in [0, 1], or null). */
    public static void write(Path target, Mesh mesh, float[] rgb) throws IOException {
        if (rgb != null && rgb.length != 3 * mesh.vertexCount()) {
            throw new IllegalArgumentException("colours need 3 values per vertex (" + 3 * mesh.vertexCount() + "), got " + rgb.length);
        }
        AtomicFiles.write(target, out -> writePly(out, mesh, rgb));
    }

    private static void writePly(OutputStream out, Mesh mesh, float[] rgb) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("ply\nformat binary_little_endian 1.0\ncomment inverseface\n");
        h.append("element vertex ").append(mesh.vertexCount()).append('\n');
        h.append("property float x\nproperty float y\nproperty float z\n");
        if (rgb != null) {
            h.append("property uchar red\nproperty uchar green\nproperty uchar blue\n");
        }
        h.append("element face ").append(mesh.triangleCount()).append('\n');
        h.append("property list uchar int vertex_indices\nend_header\n");
        out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        float[] p = mesh.positions();
        for (int i = 0; i < mesh.vertexCount(); i++) {
            if (buf.remaining() < 15) {
                drain(buf, out);
            }
            buf.putFloat(p[3 * i]).putFloat(p[3 * i + 1]).putFloat(p[3 * i + 2]);
            if (rgb != null) {
                buf.put(toByte(rgb[3 * i])).put(toByte(rgb[3 * i + 1])).put(toByte(rgb[3 * i + 2]));
            }
        }
        int[] t = mesh.triangles();
        for (int f = 0; f < t.length; f += 3) {
            if (buf.remaining() < 13) {
                drain(buf, out);
            }
            buf.put((byte) 3).putInt(t[f]).putInt(t[f + 1]).putInt(t[f + 2]);
        }
        drain(buf, out);
    }

    private static void drain(ByteBuffer buf, OutputStream out) throws IOException {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }

    private static byte toByte(float v) {
        if (!(v > 0f)) {
            return 0;
        }
        return (byte) (v >= 1f ? 255 : Math.round(v * 255f));
    }
}
