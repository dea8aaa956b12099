package io.inverseface.core.model;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IctLightModelLoaderTest {
    private static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void locate() {
        shared = TestModels.sharedModelDirectory();
    }

    private void copyModel() throws IOException {
        for (String f : new String[] {"model.json", "neutral_face.obj", "identity.f32", "expression.f32"}) {
            Files.copy(shared.resolve(f), dir.resolve(f));
            dir.resolve(f).toFile().setWritable(true);
        }
    }

    private static void writeFloat(Path file, long index, float value) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(index * 4);
            raf.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array());
        }
    }

    private static ModelLoadException load(Path dir) {
        try {
            new IctLightModelLoader().load(dir);
        } catch (ModelLoadException e) {
            return e;
        }
        throw new AssertionError("expected a ModelLoadException");
    }

    @Test
    void truncatedBasisIsAShapeError() throws IOException {
        copyModel();
        try (RandomAccessFile raf = new RandomAccessFile(dir.resolve("identity.f32").toFile(), "rw")) {
            raf.setLength(raf.length() - 12);
        }
        ModelLoadException e = load(dir);
        assertThat(e.problem()).isEqualTo(ModelLoadException.Problem.SHAPE);
        assertThat(e.file().getFileName().toString()).isEqualTo("identity.f32");
        assertThat(e.getMessage()).contains("identity.f32").contains("11290788 bytes").contains("expected 11290800");
    }

    @Test
    void nanIsANonFiniteError() throws IOException {
        copyModel();
        writeFloat(dir.resolve("expression.f32"), 3L * 9409 * 2 + 3 * 5 + 1, Float.NaN);
        ModelLoadException e = load(dir);
        assertThat(e.problem()).isEqualTo(ModelLoadException.Problem.NON_FINITE);
        assertThat(e.getMessage()).contains("expression.f32").contains("mode 2, vertex 5");
    }

    @Test
    void landmarkOutOfRangeIsAnIndexError() throws IOException {
        copyModel();
        Path json = dir.resolve("model.json");
        String text = Files.readString(json).replaceFirst("\"landmarks_ibug68\": \\[\\s*1225", "\"landmarks_ibug68\": [ 99999");
        Files.writeString(json, text, StandardCharsets.UTF_8);
        ModelLoadException e = load(dir);
        assertThat(e.problem()).isEqualTo(ModelLoadException.Problem.INDEX_OUT_OF_RANGE);
        assertThat(e.getMessage()).contains("model.json").contains("landmarks_ibug68[0] = 99999");
    }

    @Test
    void polygonIndexOutOfRangeIsAnIndexError() throws IOException {
        copyModel();
        Path obj = dir.resolve("neutral_face.obj");
        String text = Files.readString(obj).replaceFirst("\nf 874/1 ", "\nf 99999/1 ");
        Files.writeString(obj, text, StandardCharsets.UTF_8);
        ModelLoadException e = load(dir);
        assertThat(e.problem()).isEqualTo(ModelLoadException.Problem.INDEX_OUT_OF_RANGE);
        assertThat(e.getMessage()).contains("neutral_face.obj").contains("99999");
    }

    @Test
    void missingFileIsReported() throws IOException {
        copyModel();
        Files.delete(dir.resolve("neutral_face.obj"));
        ModelLoadException e = load(dir);
        assertThat(e.problem()).isEqualTo(ModelLoadException.Problem.MISSING);
        assertThat(e.getMessage()).contains("neutral_face.obj");
    }

    @Test
    void brokenJsonIsAFormatError() throws IOException {
        copyModel();
        Files.writeString(dir.resolve("model.json"), "{ \"vertices\": 9409, ");
        ModelLoadException e = load(dir);
        assertThat(e.problem()).isEqualTo(ModelLoadException.Problem.FORMAT);
        assertThat(e.getMessage()).contains("model.json");
    }

    @Test
    void wrongDeclaredVertexCountIsAShapeError() throws IOException {
        copyModel();
        Path json = dir.resolve("model.json");
        Files.writeString(json, Files.readString(json).replace("\"vertices\": 9409", "\"vertices\": 9408"));
        ModelLoadException e = load(dir);
        assertThat(e.problem()).isEqualTo(ModelLoadException.Problem.SHAPE);
    }

    @Test
    void changedValueIsAChecksumErrorUnlessVerificationIsOff() throws IOException {
        copyModel();
        writeFloat(dir.resolve("identity.f32"), 30, 1.25f);
        ModelLoadException e = load(dir);
        assertThat(e.problem()).isEqualTo(ModelLoadException.Problem.CHECKSUM);
        assertThat(e.getMessage()).contains("identity.f32").contains("SHA-256");

        FaceModel modified = new IctLightModelLoader(false, 2).load(dir);
        assertThat(modified.identityBasis().modeValue(0, 30)).isEqualTo(1.25f);
        assertThat(modified.albedoCount()).isEqualTo(6);
    }
}
