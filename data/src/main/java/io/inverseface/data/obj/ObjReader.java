package io.inverseface.data.obj;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A small reader for the subset of Wavefront OBJ that face models use: {@code v}, {@code vt} and
 * {@code f} records (corners {@code v}, {@code v/vt}, {@code v/vt/vn} or {@code v//vn}, 1-based or
 * negative relative indices). Other records (normals, groups, materials, comments) are skipped.
 * Shared by the model converter (module data) and the model loaders (module core) so both read
 * OBJ the same way.
 */
public final class ObjReader {

    private ObjReader() {
    }

    /** Reads vertices, UVs and polygons of a whole file. */
    public static ObjMesh read(Path file) throws IOException {
        return read(file, Integer.MAX_VALUE);
    }

    /**
     * Reads the file but keeps only the first {@code maxPolygons} polygons (all vertices and UVs).
     */
    public static ObjMesh read(Path file, int maxPolygons) throws IOException {
        FloatList positions = new FloatList(3 * 16384);
        FloatList uvs = new FloatList(2 * 16384);
        IntList offsets = new IntList(16384);
        IntList corners = new IntList(4 * 16384);
        IntList cornerUvs = new IntList(4 * 16384);
        offsets.add(0);
        long lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.startsWith("v ")) {
                    parseFloats(file, lineNo, line, 2, 3, positions);
                } else if (line.startsWith("vt ")) {
                    parseFloats(file, lineNo, line, 3, 2, uvs);
                } else if (line.startsWith("f ")) {
                    if (offsets.size - 1 >= maxPolygons) {
                        continue;
                    }
                    parseFace(file, lineNo, line, positions.size / 3, uvs.size / 2, corners, cornerUvs);
                    offsets.add(corners.size);
                }
            }
        } catch (ObjFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(file + ": cannot read: " + e.getMessage(), e);
        }
        return new ObjMesh(positions.toArray(), uvs.toArray(), offsets.toArray(), corners.toArray(), cornerUvs.toArray());
    }

    /**
     * Reads only the positions of the first {@code vertexCount} vertices and stops reading there
     * (blendshape files repeat the topology; only their positions matter).
     *
     * @throws ObjFormatException if the file has fewer vertices
     */
    public static float[] readPositions(Path file, int vertexCount) throws IOException {
        FloatList positions = new FloatList(3 * vertexCount);
        long lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while (positions.size < 3 * vertexCount && (line = in.readLine()) != null) {
                lineNo++;
                if (line.startsWith("v ")) {
                    parseFloats(file, lineNo, line, 2, 3, positions);
                }
            }
        }
        if (positions.size < 3 * vertexCount) {
            throw new ObjFormatException(file, 0, "has " + positions.size / 3 + " vertices, expected at least " + vertexCount);
        }
        return positions.toArray();
    }

    private static void parseFloats(Path file, long lineNo, String line, int start, int count, FloatList out) throws ObjFormatException {
        int pos = start;
        int n = line.length();
        for (int k = 0; k < count; k++) {
            while (pos < n && line.charAt(pos) == ' ') {
                pos++;
            }
            int end = pos;
            while (end < n && line.charAt(end) != ' ') {
                end++;
            }
            if (end == pos) {
                throw new ObjFormatException(file, lineNo, "expected " + count + " numbers in '" + line + "'");
            }
            try {
                out.add(Float.parseFloat(line.substring(pos, end)));
            } catch (NumberFormatException e) {
                throw new ObjFormatException(file, lineNo, "not a number: '" + line.substring(pos, end) + "'");
            }
            pos = end;
        }
    }

    private static void parseFace(Path file, long lineNo, String line, int vertexCount, int uvCount,
                                  IntList corners, IntList cornerUvs) throws ObjFormatException {
        String[] tokens = line.substring(2).trim().split("\\s+");
        if (tokens.length < 3) {
            throw new ObjFormatException(file, lineNo, "a face needs at least 3 corners: '" + line + "'");
        }
        for (String token : tokens) {
            int slash = token.indexOf('/');
            String vs = slash < 0 ? token : token.substring(0, slash);
            int v = resolveIndex(file, lineNo, vs, vertexCount, "vertex");
            int uv = -1;
            if (slash >= 0) {
                int slash2 = token.indexOf('/', slash + 1);
                String ts = slash2 < 0 ? token.substring(slash + 1) : token.substring(slash + 1, slash2);
                if (!ts.isEmpty()) {
                    uv = resolveIndex(file, lineNo, ts, uvCount, "texture coordinate");
                }
            }
            corners.add(v);
            cornerUvs.add(uv);
        }
    }

    private static int resolveIndex(Path file, long lineNo, String s, int count, String what) throws ObjFormatException {
        int i;
        try {
            i = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new ObjFormatException(file, lineNo, "bad " + what + " index '" + s + "'");
        }
        // OBJ indices are 1-based; negative ones count back from the last defined element.
        int resolved = i > 0 ? i - 1 : count + i;
        if (i == 0 || resolved < 0 || resolved >= count) {
            throw new ObjFormatException(file, lineNo, what + " index " + s + " out of range (" + count + " defined so far)");
        }
        return resolved;
    }

    private static final class FloatList {
        float[] data;
        int size;

        FloatList(int capacity) {
            data = new float[Math.max(16, capacity)];
        }

        void add(float x) {
            if (size == data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = x;
        }

        float[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }

    private static final class IntList {
        int[] data;
        int size;

        IntList(int capacity) {
            data = new int[Math.max(16, capacity)];
        }

        void add(int x) {
            if (size == data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = x;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
