package io.inverseface.data.model;

import io.inverseface.data.obj.ObjMesh;
import io.inverseface.data.obj.ObjReader;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Converts the upstream ICT-FaceKit OBJ blendshapes into the project's plain model files:
 * <ul>
 *   <li>{@code neutral_face.obj}: vertices {@code 0..V-1} and the first {@code P} polygons of the
 *       neutral mesh, scaled by {@code s} (cm → mm), with the UVs those polygons use;</li>
 *   <li>{@code identity.f32}, {@code expression.f32}: float32 little-endian offsets
 *       {@code s · (x_shape − x_neutral)} over vertices {@code 0..V-1}, one block per shape;</li>
 *   <li>{@code model.json}: the manifest's metadata resource, copied byte for byte;</li>
 *   <li>{@code LICENSE}: the upstream licence, when it was downloaded.</li>
 * </ul>
 * Excluded expressions (PupilDilate_L/R) are skipped.
 */
public final class IctModelConverter {
    public static final String NEUTRAL_FILE = "neutral_face.obj";
    public static final String IDENTITY_FILE = "identity.f32";
    public static final String EXPRESSION_FILE = "expression.f32";
    public static final String METADATA_FILE = "model.json";
    public static final String LICENSE_FILE = "LICENSE";

    private IctModelConverter() {
    }

    /**
     * Converts the files of {@code manifest} found under {@code sourceDir} (at their manifest
     * paths) into {@code outDir}.
     *
     * @throws ModelResolutionException if a source file is malformed or too small
     */
    public static void convert(Path sourceDir, ModelManifest manifest, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        int v = manifest.vertexCount();
        float scale = (float) manifest.scale();
        Path neutralPath = sourceDir.resolve(manifest.neutral().path());
        ObjMesh neutral = ObjReader.read(neutralPath, manifest.polygonCount());
        if (neutral.vertexCount() < v) {
            throw new ModelResolutionException(neutralPath + ": has " + neutral.vertexCount() + " vertices, need " + v);
        }
        if (neutral.polygonCount() < manifest.polygonCount()) {
            throw new ModelResolutionException(neutralPath + ": has " + neutral.polygonCount() + " polygons, need " + manifest.polygonCount());
        }
        for (int c = 0; c < neutral.polygonVertices().length; c++) {
            if (neutral.polygonVertices()[c] >= v) {
                throw new ModelResolutionException(neutralPath + ": a kept polygon uses vertex " + (neutral.polygonVertices()[c] + 1)
                        + " beyond the kept " + v);
            }
        }
        writeNeutral(neutral, v, scale, manifest.neutral().path(), outDir.resolve(NEUTRAL_FILE));
        writeOffsets(sourceDir, manifest.identities(), neutral.positions(), v, scale, outDir.resolve(IDENTITY_FILE));
        writeOffsets(sourceDir, manifest.keptExpressions(), neutral.positions(), v, scale, outDir.resolve(EXPRESSION_FILE));
        try (InputStream in = IctModelConverter.class.getResourceAsStream(manifest.metadataResource())) {
            if (in == null) {
                throw new ModelResolutionException("metadata resource " + manifest.metadataResource() + " not found on the classpath");
            }
            Files.copy(in, outDir.resolve(METADATA_FILE), StandardCopyOption.REPLACE_EXISTING);
        }
        if (manifest.license() != null) {
            Path license = sourceDir.resolve(manifest.license().path());
            if (Files.exists(license)) {
                Files.copy(license, outDir.resolve(LICENSE_FILE), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * Writes the kept part of a neutral mesh as OBJ: a two-line header, {@code v} records
     * ({@code %.5f}), the UV prefix the kept polygons use ({@code %.6f}) and {@code f v/vt}
     * records.
     */
    static void writeNeutral(ObjMesh mesh, int vertexCount, float scale, String sourceName, Path out) throws IOException {
        int polygons = mesh.polygonCount();
        int uvCount = 0;
        for (int uv : mesh.polygonUvs()) {
            uvCount = Math.max(uvCount, uv + 1);
        }
        float[] p = mesh.positions();
        float[] uvs = mesh.uvs();
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("# ICT Face Model Light, full face area (vertices 0.." + (vertexCount - 1) + ", polygons 0.."
                    + (polygons - 1) + "), millimetres\n");
            w.write("# Source: ICT-VGL/ICT-FaceKit " + sourceName + ", MIT licence (see LICENSE)\n");
            for (int i = 0; i < vertexCount; i++) {
                w.write(String.format(Locale.ROOT, "v %.5f %.5f %.5f", decimal(p[3 * i], scale), decimal(p[3 * i + 1], scale),
                        decimal(p[3 * i + 2], scale)));
                w.write('\n');
            }
            for (int i = 0; i < uvCount; i++) {
                w.write(String.format(Locale.ROOT, "vt %.6f %.6f", decimal(uvs[2 * i], 1f), decimal(uvs[2 * i + 1], 1f)));
                w.write('\n');
            }
            StringBuilder line = new StringBuilder(64);
            int[] offsets = mesh.polygonOffsets();
            for (int f = 0; f < polygons; f++) {
                line.setLength(0);
                line.append('f');
                for (int c = offsets[f]; c < offsets[f + 1]; c++) {
                    line.append(' ').append(mesh.polygonVertices()[c] + 1);
                    if (mesh.polygonUvs()[c] >= 0) {
                        line.append('/').append(mesh.polygonUvs()[c] + 1);
                    }
                }
                line.append('\n');
                w.write(line.toString());
            }
        }
    }

    /**
     * The source's decimal value (the shortest decimal naming the float, i.e. what the OBJ said)
     * times the scale, in double: printing {@code (float) x · s} instead would show float noise
     * such as 128.88499 for 12.8885 cm.
     */
    private static double decimal(float x, float scale) {
        return Double.parseDouble(Float.toString(x)) * scale;
    }

    private static void writeOffsets(Path sourceDir, List<ModelManifest.SourceFile> shapes, float[] neutral, int v,
                                     float scale, Path out) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(3 * v * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream os = Files.newOutputStream(out)) {
            for (ModelManifest.SourceFile shape : shapes) {
                float[] x = ObjReader.readPositions(sourceDir.resolve(shape.path()), v);
                block.clear();
                // offset = s · (x_shape − x_neutral), per coordinate.
                for (int k = 0; k < 3 * v; k++) {
                    block.putFloat((x[k] - neutral[k]) * scale);
                }
                os.write(block.array(), 0, block.position());
            }
        }
    }
}
