package io.inverseface.core.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** {@link FaceModel#contentHash()}: the model's arrays fed to SHA-256 in a fixed order, each with its length. */
final class ModelHash {

    private final MessageDigest digest;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

    private ModelHash() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    static String of(FaceModel m) {
        ModelHash h = new ModelHash();
        h.text(m.name());
        for (Basis b : List.of(m.identityBasis(), m.expressionBasis(), m.albedoBasis())) {
            h.floats(b.mean());
            h.floats(b.modes());
            h.doubles(b.sigma());
            h.integer(b.names().size());
            b.names().forEach(h::text);
        }
        h.doubles(m.expressionLowerBound());
        h.doubles(m.expressionUpperBound());
        h.ints(m.triangles());
        h.floats(m.uvs());
        h.ints(m.uvTriangles());
        h.ints(m.landmarkVertices());
        Jawline j = m.jawline();
        h.ints(j.rightAlternatives());
        h.ints(j.leftAlternatives());
        h.ints(j.rightCandidates());
        h.ints(j.leftCandidates());
        h.ints(m.regionVertices(FaceRegion.NARROW));
        return h.hex();
    }

    private void room(int bytes) {
        if (buffer.remaining() < bytes) {
            flush();
        }
    }

    private void flush() {
        buffer.flip();
        digest.update(buffer);
        buffer.clear();
    }

    private void integer(int v) {
        room(4);
        buffer.putInt(v);
    }

    private void text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        integer(b.length);
        flush();
        digest.update(b);
    }

    private void floats(float[] a) {
        integer(a.length);
        for (float v : a) {
            room(4);
            buffer.putFloat(v);
        }
    }

    private void doubles(double[] a) {
        integer(a.length);
        for (double v : a) {
            room(8);
            buffer.putDouble(v);
        }
    }

    private void ints(int[] a) {
        integer(a.length);
        for (int v : a) {
            room(4);
            buffer.putInt(v);
        }
    }

    private String hex() {
        flush();
        return HexFormat.of().formatHex(digest.digest());
    }
}
