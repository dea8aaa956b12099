package io.inverseface.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inverseface.data.model.IctModelConverter;
import io.inverseface.data.model.ModelManifest;
import io.inverseface.data.model.Sha256;
import io.inverseface.data.obj.ObjMesh;
import io.inverseface.data.obj.ObjTriangles;
import io.inverseface.data.obj.ObjReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads the ICT Face Model Light in the project's converted layout (a directory with
 * {@code model.json}, {@code neutral_face.obj}, {@code identity.f32}, {@code expression.f32}).
 * <p>
 * Validation, in this order, each failure a {@link ModelLoadException} naming the file: files
 * present and parseable; counts and byte sizes equal to the shapes declared in {@code model.json};
 * all values finite; polygon, landmark and jawline indices in range; and finally, unless
 * disabled, every file's SHA-256 equals the pinned manifest.
 * <p>
 * Quads are split into triangles {@code (a, b, c)} and {@code (a, c, d)}, keeping the OBJ
 * winding (counter-clockwise seen from outside). The model has no albedo basis, so a
 * {@link GenericAlbedoPrior} is computed on the neutral mesh.
 */
public final class IctLightModelLoader implements FaceModelLoader {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IctLightModelLoader.class);
    private final boolean verifyChecksums;
    private final int albedoEigenvectors;
    private final EigenpairCache eigenpairCache;
    private final ModelManifest manifest;
    private final LandmarkEmbedding landmarkEmbedding;

    /**
     * A loader that verifies checksums against the shipped manifest, builds 40 albedo eigenvectors and puts
     * the inner landmarks where 300-W's annotators do ({@link LandmarkEmbedding#annotated300W()}).
     */
    public IctLightModelLoader() {
        this(true, GenericAlbedoPrior.DEFAULT_EIGENVECTORS);
    }

    /** As {@link #IctLightModelLoader(boolean, int, LandmarkEmbedding)} with the 300-W embedding. */
    public IctLightModelLoader(boolean verifyChecksums, int albedoEigenvectors) {
        this(verifyChecksums, albedoEigenvectors, LandmarkEmbedding.annotated300W());
    }

    /**
     * @param verifyChecksums    compare each file's SHA-256 with the pinned manifest (turn off for
     *                           modified copies of the model)
     * @param albedoEigenvectors Laplacian eigenvectors of the albedo prior (3 modes each)
     * @param landmarkEmbedding  where the 68 points go on the mesh ({@link LandmarkEmbedding#none()}: the
     *                           model's own vertices); a table made for other vertices is left out with a
     *                           warning (a modified copy of the model)
     */
    public IctLightModelLoader(boolean verifyChecksums, int albedoEigenvectors, LandmarkEmbedding landmarkEmbedding) {
        this.landmarkEmbedding = java.util.Objects.requireNonNull(landmarkEmbedding, "landmarkEmbedding");
        this.verifyChecksums = verifyChecksums;
        this.albedoEigenvectors = albedoEigenvectors;
        this.eigenpairCache = EigenpairCache.userDefault();
        this.manifest = ModelManifest.ictFaceModelLight();
    }

    @Override
    public FaceModel load(Path dir) {
        Path metaFile = dir.resolve(IctModelConverter.METADATA_FILE);
        JsonNode meta = readJson(metaFile);
        int v = requireInt(meta, "vertices", metaFile);
        int polygons = requireInt(meta, "polygons", metaFile);
        int narrow = meta.path("narrow_face_area_vertices").asInt(v);
        int[] idShape = shape(meta, "identity", metaFile);
        int[] expShape = shape(meta, "expression", metaFile);
        if (idShape[1] != v || expShape[1] != v || idShape[2] != 3 || expShape[2] != 3) {
            throw new ModelLoadException(metaFile, ModelLoadException.Problem.SHAPE,
                    "identity/expression shapes must be [n, " + v + ", 3]");
        }
        List<String> names = new ArrayList<>();
        meta.path("expression").path("names").forEach(n -> names.add(n.asText()));
        if (names.size() != expShape[0]) {
            throw new ModelLoadException(metaFile, ModelLoadException.Problem.SHAPE,
                    names.size() + " expression names for " + expShape[0] + " expressions");
        }

        Path objFile = dir.resolve(IctModelConverter.NEUTRAL_FILE);
        ObjMesh obj = readObj(objFile);
        if (obj.vertexCount() != v || obj.polygonCount() != polygons) {
            throw new ModelLoadException(objFile, ModelLoadException.Problem.SHAPE, "has " + obj.vertexCount() + " vertices and "
                    + obj.polygonCount() + " polygons, model.json declares " + v + " and " + polygons);
        }
        float[] mean = obj.positions();
        checkFinite(objFile, mean, 0);
        int[][] tri = triangulate(objFile, obj);

        Path idFile = dir.resolve(meta.path("identity").path("file").asText(IctModelConverter.IDENTITY_FILE));
        Path expFile = dir.resolve(meta.path("expression").path("file").asText(IctModelConverter.EXPRESSION_FILE));
        float[] idModes = readFloats(idFile, idShape[0], v);
        float[] expModes = readFloats(expFile, expShape[0], v);

        int[] landmarks = indices(meta, "landmarks_ibug68", metaFile, v);
        if (landmarks.length != 68) {
            throw new ModelLoadException(metaFile, ModelLoadException.Problem.SHAPE, "landmarks_ibug68 has " + landmarks.length + " entries, expected 68");
        }
        Jawline jaw = new Jawline(
                indices(meta, "jawline_right_alternatives_for_ibug_0_7", metaFile, v),
                indices(meta, "jawline_left_alternatives_for_ibug_9_16", metaFile, v),
                indices(meta, "jawline_right_extended", metaFile, v),
                indices(meta, "jawline_left_extended", metaFile, v));

        if (verifyChecksums) {
            for (Path f : List.of(metaFile, objFile, idFile, expFile)) {
                verifyChecksum(f);
            }
        }

        double[] ones = new double[idShape[0]];
        java.util.Arrays.fill(ones, 1.0);
        Basis identity = new Basis(mean, idModes, ones, null);
        double[] expSigma = new double[expShape[0]];
        java.util.Arrays.fill(expSigma, 1.0);
        Basis expression = new Basis(mean, expModes, expSigma, names);
        Basis albedo = GenericAlbedoPrior.compute(mean, tri[0], landmarks, albedoEigenvectors, eigenpairCache);
        double[] lower = new double[expShape[0]];
        double[] upper = new double[expShape[0]];
        java.util.Arrays.fill(upper, 1.0);
        return FaceModel.builder()
                .name("ict-face-light")
                .identity(identity)
                .expression(expression)
                .albedo(albedo)
                .expressionBounds(lower, upper)
                .triangles(tri[0])
                .uvs(obj.uvs(), tri[1])
                .landmarks(embedded(landmarks, metaFile))
                .jawline(jaw)
                .narrowVertexCount(Math.min(narrow, v))
                .build();
    }

    /** The albedo prior keeps the model's own landmarks; the fit gets the embedding's. */
    private int[] embedded(int[] own, Path metaFile) {
        if (landmarkEmbedding.fits(own)) {
            return landmarkEmbedding.applyTo(own);
        }
        LOG.warn("{}: the landmark embedding ({}) was made for other landmark vertices; using the model's own",
                metaFile, landmarkEmbedding.source());
        return own;
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(file, ModelLoadException.Problem.MISSING, "file not found");
        }
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelLoadException(file, ModelLoadException.Problem.FORMAT, "not valid JSON: " + e.getMessage(), e);
        }
    }

    private static int requireInt(JsonNode meta, String field, Path file) {
        JsonNode n = meta.get(field);
        if (n == null || !n.canConvertToInt() || n.asInt() <= 0) {
            throw new ModelLoadException(file, ModelLoadException.Problem.FORMAT, "field '" + field + "' must be a positive integer");
        }
        return n.asInt();
    }

    private static int[] shape(JsonNode meta, String field, Path file) {
        JsonNode s = meta.path(field).path("shape");
        if (!s.isArray() || s.size() != 3) {
            throw new ModelLoadException(file, ModelLoadException.Problem.FORMAT, "field '" + field + ".shape' must be [modes, vertices, 3]");
        }
        int[] out = new int[3];
        for (int i = 0; i < 3; i++) {
            out[i] = s.get(i).asInt(-1);
            if (out[i] <= 0) {
                throw new ModelLoadException(file, ModelLoadException.Problem.FORMAT, "field '" + field + ".shape' has a non-positive entry");
            }
        }
        return out;
    }

    private static int[] indices(JsonNode meta, String field, Path file, int bound) {
        JsonNode a = meta.get(field);
        if (a == null || !a.isArray()) {
            throw new ModelLoadException(file, ModelLoadException.Problem.FORMAT, "field '" + field + "' must be an array of vertex indices");
        }
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode n = a.get(i);
            if (!n.canConvertToInt()) {
                throw new ModelLoadException(file, ModelLoadException.Problem.FORMAT, field + "[" + i + "] is not an integer");
            }
            out[i] = n.asInt();
            if (out[i] < 0 || out[i] >= bound) {
                throw new ModelLoadException(file, ModelLoadException.Problem.INDEX_OUT_OF_RANGE,
                        field + "[" + i + "] = " + out[i] + " outside [0, " + bound + ")");
            }
        }
        return out;
    }

    private static ObjMesh readObj(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(file, ModelLoadException.Problem.MISSING, "file not found");
        }
        try {
            return ObjReader.read(file);
        } catch (io.inverseface.data.obj.ObjFormatException e) {
            // Out-of-range corner indices are reported by the reader as format errors; classify them.
            ModelLoadException.Problem p = e.getMessage().contains("out of range")
                    ? ModelLoadException.Problem.INDEX_OUT_OF_RANGE : ModelLoadException.Problem.FORMAT;
            throw new ModelLoadException(file, p, e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelLoadException(file, ModelLoadException.Problem.MISSING, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Splits polygons into triangle fans {@code (a, b, c), (a, c, d), ...}; returns {vertex, uv} index triples. */
    private static int[][] triangulate(Path file, ObjMesh obj) {
        ObjTriangles fans = ObjTriangles.of(obj);
        int missing = fans.firstWithoutUvs();
        if (missing >= 0) {
            throw new ModelLoadException(file, ModelLoadException.Problem.FORMAT, "polygon " + fans.polygons()[missing]
                    + " lacks texture coordinates");
        }
        return new int[][] {fans.vertices(), fans.uvs()};
    }

    private static float[] readFloats(Path file, int modes, int v) {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(file, ModelLoadException.Problem.MISSING, "file not found");
        }
        long expected = (long) modes * v * 3 * Float.BYTES;
        try {
            long size = Files.size(file);
            if (size != expected) {
                throw new ModelLoadException(file, ModelLoadException.Problem.SHAPE, "has " + size + " bytes, expected " + expected
                        + " for shape [" + modes + ", " + v + ", 3] float32");
            }
            byte[] bytes = Files.readAllBytes(file);
            float[] out = new float[modes * v * 3];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            checkFinite(file, out, v);
            return out;
        } catch (IOException e) {
            throw new ModelLoadException(file, ModelLoadException.Problem.MISSING, "cannot read: " + e.getMessage(), e);
        }
    }

    private static void checkFinite(Path file, float[] a, int vertsPerMode) {
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i])) {
                String where = vertsPerMode > 0
                        ? "mode " + i / (3 * vertsPerMode) + ", vertex " + (i % (3 * vertsPerMode)) / 3
                        : "vertex " + i / 3;
                throw new ModelLoadException(file, ModelLoadException.Problem.NON_FINITE, "value " + a[i] + " at " + where);
            }
        }
    }

    private void verifyChecksum(Path file) {
        Map<String, String> outputs = manifest.outputs();
        String expected = outputs.get(file.getFileName().toString());
        if (expected == null) {
            return;
        }
        try {
            String actual = Sha256.of(file);
            if (!actual.equalsIgnoreCase(expected)) {
                throw new ModelLoadException(file, ModelLoadException.Problem.CHECKSUM,
                        "SHA-256 " + actual + " differs from the pinned " + expected);
            }
        } catch (IOException e) {
            throw new ModelLoadException(file, ModelLoadException.Problem.MISSING, "cannot read: " + e.getMessage(), e);
        }
    }
}
