package io.inverseface.core.output;

import io.inverseface.render.io.ImageFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.Reconstruction;
import io.inverseface.core.detail.DetailResult;
import io.inverseface.core.io.ImageLoader;
import io.inverseface.core.io.LandmarksReader;
import io.inverseface.render.RgbImage;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.data.samples.Samples;
import io.inverseface.optim.backend.Backend;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detail files written for a reconstruction with a detail result, on a cheap configuration. */
class DetailOutputsTest {

    private static FaceModel model;
    private static RgbImage photo;
    private static Reconstruction reconstruction;
    @TempDir
    static Path shared;
    private static WrittenFiles files;

    @BeforeAll
    static void reconstructTheSampleWithDetail() {
        model = FaceModels.ictLight();
        photo = ImageLoader.load(Samples.astronautImage());
        // Few modes and iterations, the detail stage at model resolution with one round: these tests check
        // the files, not the quality of the fit.
        FaceReconstructor reconstructor = FaceReconstructor.builder().model(model).backend(Backend.CPU)
                .coarse(c -> c.identityModes(20).photometricRounds(1).photometricIterations(2)
                        .landmarkRounds(1).landmarkIterations(5))
                .detail(d -> d.subdivisions(0).rounds(1))
                .build();
        reconstruction = reconstructor.reconstruct(photo, LandmarksReader.read(Samples.astronautLandmarksPts()));
        files = new ReconstructionWriter().write(reconstruction, shared.resolve("out"));
    }

    @Test
    void writesEveryDetailFileAfterTheCoarseOnesAndNoTemporaryFiles() throws IOException {
        assertThat(files.hasDetail()).isTrue();
        assertThat(files.all()).hasSize(16).allSatisfy(p -> assertThat(p).isNotEmptyFile());
        assertThat(files.detail().all()).extracting(p -> p.getFileName().toString()).containsExactly("albedo.png",
                "detail.obj", "detail.mtl", "detail.ply", "detail.glb", "displacement.png", "displacement.pfm",
                "detail-grid.png");
        assertThat(files.all().subList(0, 7)).extracting(p -> p.getFileName().toString()).startsWith("mesh.obj");
        assertThat(names(files.directory())).noneMatch(n -> n.endsWith(".tmp")).hasSize(16);
    }

    @Test
    void objReferencesTheMaterialAndTheMaterialTheTexture() throws IOException {
        DetailFiles f = files.detail();
        List<String> obj = Files.readAllLines(f.obj());
        assertThat(obj).contains("mtllib detail.mtl", "usemtl face");
        long v = obj.stream().filter(l -> l.startsWith("v ")).count();
        long vt = obj.stream().filter(l -> l.startsWith("vt ")).count();
        assertThat(vt).isEqualTo(v).isGreaterThanOrEqualTo(reconstruction.detail().subdivided().vertexCount());
        assertThat(obj.stream().filter(l -> l.startsWith("f ")).count())
                .isEqualTo(reconstruction.detail().subdivided().triangles().length / 3);
        assertThat(obj.stream().filter(l -> l.startsWith("vt ")).flatMap(l -> Stream.of(l.split(" ")).skip(1))
                .mapToDouble(Double::parseDouble)).allSatisfy(x -> assertThat(x).isBetween(0.0, 1.0));
        assertThat(Files.readAllLines(f.mtl())).contains("map_Kd albedo.png");
    }

    @Test
    void plyHasOneColouredVertexPerFineVertex() throws IOException {
        DetailResult d = reconstruction.detail();
        byte[] ply = Files.readAllBytes(files.detail().ply());
        String head = new String(ply, 0, 400, StandardCharsets.US_ASCII);
        int vertices = d.subdivided().vertexCount(), triangles = d.subdivided().triangles().length / 3;
        assertThat(head).contains("element vertex " + vertices + "\n", "property uchar red",
                "element face " + triangles + "\n");
        int headerLength = head.indexOf("end_header\n") + "end_header\n".length();
        assertThat(ply.length).isEqualTo(headerLength + 15L * vertices + 13L * triangles);
    }

    @Test
    void glbIsBinaryGltf2WithTheExpectedAccessorsAndAnEmbeddedPng() throws IOException {
        byte[] glb = Files.readAllBytes(files.detail().glb());
        ByteBuffer b = ByteBuffer.wrap(glb).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(glb, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("glTF");
        assertThat(b.getInt(4)).isEqualTo(2);
        assertThat(b.getInt(8)).isEqualTo(glb.length);
        int jsonLength = b.getInt(12);
        assertThat(new String(glb, 16, 4, StandardCharsets.US_ASCII)).isEqualTo("JSON");
        assertThat(jsonLength % 4).isZero();
        JsonNode root = JsonMapper.builder().build().readTree(new String(glb, 20, jsonLength, StandardCharsets.UTF_8));
        int binStart = 20 + jsonLength;
        int binLength = b.getInt(binStart);
        assertThat(new String(glb, binStart + 4, 3, StandardCharsets.US_ASCII)).isEqualTo("BIN");
        assertThat(binStart + 8 + binLength).isEqualTo(glb.length);

        assertThat(root.at("/asset/version").asText()).isEqualTo("2.0");
        JsonNode primitive = root.at("/meshes/0/primitives/0");
        JsonNode accessors = root.get("accessors");
        long objVertices = Files.readAllLines(files.detail().obj()).stream().filter(l -> l.startsWith("v ")).count();
        int triangles = reconstruction.detail().subdivided().triangles().length / 3;
        for (String attribute : List.of("POSITION", "NORMAL", "TEXCOORD_0")) {
            assertThat(accessors.get(primitive.at("/attributes/" + attribute).asInt()).get("count").asLong())
                    .as(attribute).isEqualTo(objVertices);
        }
        JsonNode indices = accessors.get(primitive.get("indices").asInt());
        assertThat(indices.get("count").asInt()).isEqualTo(3 * triangles);
        assertThat(indices.get("componentType").asInt()).isEqualTo(5125);
        assertThat(root.get("buffers").get(0).get("byteLength").asInt()).isEqualTo(binLength);

        // Texture: the embedded image is the same PNG as albedo.png.
        JsonNode image = root.get("images").get(0);
        assertThat(image.get("mimeType").asText()).isEqualTo("image/png");
        JsonNode view = root.get("bufferViews").get(image.get("bufferView").asInt());
        byte[] embedded = Arrays.copyOfRange(glb, binStart + 8 + view.get("byteOffset").asInt(),
                binStart + 8 + view.get("byteOffset").asInt() + view.get("byteLength").asInt());
        assertThat(embedded).isEqualTo(Files.readAllBytes(files.detail().albedoPng()));
        assertThat(root.at("/materials/0/pbrMetallicRoughness/baseColorTexture/index").asInt()).isZero();
        // Every view lies inside the binary chunk on a 4-byte boundary.
        for (JsonNode v : root.get("bufferViews")) {
            assertThat(v.get("byteOffset").asInt() % 4).isZero();
            assertThat(v.get("byteOffset").asInt() + v.get("byteLength").asInt()).isLessThanOrEqualTo(binLength);
        }
    }

    @Test
    void picturesHaveTheDocumentedSizes() throws IOException {
        DetailFiles f = files.detail();
        int t = ReconstructionWriter.TEXTURE_SIZE;
        RgbImage albedo = ImageFiles.read(f.albedoPng());
        assertThat(new int[] {albedo.width(), albedo.height()}).containsExactly(t, t);
        RgbImage disp = ImageFiles.read(f.displacementPng());
        assertThat(new int[] {disp.width(), disp.height()})
                .containsExactly(t, t + ReconstructionWriter.DISPLACEMENT_LEGEND_HEIGHT);
        RgbImage grid = ImageFiles.read(f.gridPng());
        int cell = ReconstructionWriter.GRID_CELL_SIZE;
        assertThat(new int[] {grid.width(), grid.height()}).containsExactly(4 * cell, 3 * cell);

        byte[] pfm = Files.readAllBytes(f.displacementPfm());
        String header = "Pf\n" + t + " " + t + "\n-1.0\n";
        assertThat(new String(pfm, 0, header.length(), StandardCharsets.US_ASCII)).isEqualTo(header);
        assertThat(pfm.length).isEqualTo(header.length() + 4L * t * t);
    }

    @Test
    void textureShowsTheRefinedAlbedoOfSeenVerticesAtTheirUvs() throws IOException {
        RgbImage albedo = ImageFiles.read(files.detail().albedoPng());
        DetailResult d = reconstruction.detail();
        DetailUvMesh uv = DetailUvMesh.of(d, model);
        float[] colours = DetailOutputs.seenAlbedo(d);
        int size = albedo.width(), checked = 0;
        double error = 0;
        for (int i = 0; i < uv.vertexCount(); i += 53) {
            int v = uv.sourceVertex()[i];
            if (!d.visible()[v]) {
                continue;
            }
            int x = (int) Math.floor(uv.uvs()[2 * i] * size), y = (int) Math.floor((1 - uv.uvs()[2 * i + 1]) * size);
            for (int c = 0; c < 3; c++) {
                error += Math.abs(albedo.get(x, y, c) - colours[3 * v + c]);
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
        // The texel around a vertex blends it with its neighbours, so allow a little.
        assertThat(error / (3 * checked)).isLessThan(0.03);
    }

    @Test
    void parametersJsonDescribesTheDetail() throws IOException {
        JsonNode detail = JsonMapper.builder().build().readTree(files.parametersJson().toFile()).get("detail");
        assertThat(detail.get("vertices").asInt()).isEqualTo(reconstruction.detail().subdivided().vertexCount());
        assertThat(detail.at("/displacementMm/legendRange").asDouble())
                .isCloseTo(DisplacementMap.range(reconstruction.detail().displacement()), within(1e-12));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
