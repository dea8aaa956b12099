package io.inverseface.data.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tiny ICT-like source model: a neutral mesh of 6 vertices and 3 quads (of which the first 5
 * vertices and 2 quads are kept), 2 identity shapes, 1 expression and the two PupilDilate
 * shapes that the conversion must leave out; with its expected converted outputs computed
 * independently of the converter.
 */
final class Fixture {
    static final String RESOURCE = "/io/inverseface/data/model/fixture-model.json";
    static final float[] NEUTRAL = {
        0, 0, 1,   1, 0, 1,   1, 1, 1,   0, 1, 1,   2, 0, 0.5f,   2, 1, 0.5f};
    static final float[][] IDENTITY_OFFSETS = {
        {0.25f, 0, 0, 0, 0.5f, 0, 0, 0, 0.375f, -0.25f, 0, 0, 0, 0, 0.5f, 9, 9, 9},
        {0, 0.25f, 0, 0, 0, 0, 0.125f, 0, 0, 0, 0, -0.5f, 0, 0.75f, 0, 9, 9, 9}};
    static final float[] EXPRESSION_OFFSET = {0, 0, 0, 0, 0, 0, 0, -0.5f, 0, 0, -0.5f, 0, 0.25f, 0, 0, 0, 0, 0};

    final Map<String, byte[]> sources = new LinkedHashMap<>();

    Fixture() {
        sources.put("FaceXModel/generic_neutral_mesh.obj", obj(NEUTRAL, null));
        sources.put("FaceXModel/identity000.obj", obj(NEUTRAL, IDENTITY_OFFSETS[0]));
        sources.put("FaceXModel/identity001.obj", obj(NEUTRAL, IDENTITY_OFFSETS[1]));
        sources.put("FaceXModel/jawOpen.obj", obj(NEUTRAL, EXPRESSION_OFFSET));
        sources.put("FaceXModel/PupilDilate_L.obj", obj(NEUTRAL, EXPRESSION_OFFSET));
        sources.put("FaceXModel/PupilDilate_R.obj", obj(NEUTRAL, EXPRESSION_OFFSET));
        sources.put("LICENSE", "MIT License (fixture)\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** An OBJ with positions neutral + offset (in source units), UVs and 3 quads. */
    static byte[] obj(float[] neutral, float[] offset) {
        StringBuilder s = new StringBuilder("# fixture\n");
        for (int v = 0; v < neutral.length / 3; v++) {
            s.append("v");
            for (int c = 0; c < 3; c++) {
                float x = neutral[3 * v + c] + (offset == null ? 0 : offset[3 * v + c]);
                s.append(' ').append(String.format(Locale.ROOT, "%.6f", x));
            }
            s.append('\n');
        }
        s.append("vt 0.0 0.0\nvt 0.5 0.0\nvt 0.5 0.5\nvt 0.0 0.5\nvt 1.0 0.0\nvt 1.0 0.5\nvt 0.9 0.9\n");
        s.append("vn 0 0 1\n");
        s.append("f 1/1/1 2/2/1 3/3/1 4/4/1\n");
        s.append("f 2/2/1 5/5/1 3/3/1\n");
        s.append("f 5/5/1 6/6/1 3/7/1\n");
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The manifest for this fixture, with the given source hashes and output hashes. */
    ModelManifest manifest(String baseUrl, Map<String, String> sourceHashes, Map<String, String> outputs) {
        List<ModelManifest.SourceFile> ids = new ArrayList<>();
        ids.add(new ModelManifest.SourceFile("identity000", "FaceXModel/identity000.obj", sourceHashes.get("FaceXModel/identity000.obj")));
        ids.add(new ModelManifest.SourceFile("identity001", "FaceXModel/identity001.obj", sourceHashes.get("FaceXModel/identity001.obj")));
        List<ModelManifest.SourceFile> exps = List.of(
                new ModelManifest.SourceFile("jawOpen", "FaceXModel/jawOpen.obj", sourceHashes.get("FaceXModel/jawOpen.obj")),
                new ModelManifest.SourceFile("PupilDilate_L", "FaceXModel/PupilDilate_L.obj", null),
                new ModelManifest.SourceFile("PupilDilate_R", "FaceXModel/PupilDilate_R.obj", null));
        return new ModelManifest("fixture-model", "test/fixture", "0000000000000000000000000000000000000000", baseUrl,
                5, 2, 10.0,
                new ModelManifest.SourceFile("neutral", "FaceXModel/generic_neutral_mesh.obj",
                        sourceHashes.get("FaceXModel/generic_neutral_mesh.obj")),
                ids, exps, List.of("PupilDilate_L", "PupilDilate_R"),
                new ModelManifest.SourceFile("LICENSE", "LICENSE", null), RESOURCE, outputs);
    }

    Map<String, String> sourceHashes() {
        Map<String, String> h = new LinkedHashMap<>();
        sources.forEach((k, v) -> h.put(k, Sha256.of(v)));
        return h;
    }

    /** Expected converted outputs, built directly from the fixture numbers. */
    static Map<String, byte[]> expectedOutputs() throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        StringBuilder obj = new StringBuilder();
        obj.append("# ICT Face Model Light, full face area (vertices 0..4, polygons 0..1), millimetres\n");
        obj.append("# Source: ICT-VGL/ICT-FaceKit FaceXModel/generic_neutral_mesh.obj, MIT licence (see LICENSE)\n");
        obj.append("v 0.00000 0.00000 10.00000\nv 10.00000 0.00000 10.00000\nv 10.00000 10.00000 10.00000\n");
        obj.append("v 0.00000 10.00000 10.00000\nv 20.00000 0.00000 5.00000\n");
        obj.append("vt 0.000000 0.000000\nvt 0.500000 0.000000\nvt 0.500000 0.500000\nvt 0.000000 0.500000\nvt 1.000000 0.000000\n");
        obj.append("f 1/1 2/2 3/3 4/4\nf 2/2 5/5 3/3\n");
        out.put("neutral_face.obj", obj.toString().getBytes(StandardCharsets.US_ASCII));
        out.put("identity.f32", floats(IDENTITY_OFFSETS[0], IDENTITY_OFFSETS[1]));
        out.put("expression.f32", floats(EXPRESSION_OFFSET));
        try (InputStream in = Fixture.class.getResourceAsStream(RESOURCE)) {
            out.put("model.json", in.readAllBytes());
        }
        return out;
    }

    /** float32 LE of 10 · offset over the first 5 vertices, shape after shape. */
    private static byte[] floats(float[]... shapes) {
        ByteBuffer b = ByteBuffer.allocate(shapes.length * 15 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] s : shapes) {
            for (int i = 0; i < 15; i++) {
                b.putFloat(s[i] * 10f);
            }
        }
        return b.array();
    }

    static Map<String, String> hashes(Map<String, byte[]> files) {
        Map<String, String> h = new LinkedHashMap<>();
        files.forEach((k, v) -> h.put(k, Sha256.of(v)));
        return h;
    }
}
