package io.inverseface.data.model;

import io.inverseface.data.obj.ObjMesh;
import io.inverseface.data.obj.ObjReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class IctModelConverterTest {
    @TempDir
    Path tmp;

    @Test
    void neutralWriterReproducesThePinnedSharedFileByteForByte() throws IOException {
        // The real environment: INVERSEFACE_MODEL or ../shared beside the checkout, never a download.
        Path shared = ModelResolver.builder().environment(System::getenv).cacheDirectory(tmp.resolve("c"))
                .allowDownload(false).build().resolve().directory();
        ObjMesh mesh = ObjReader.read(shared.resolve("neutral_face.obj"));
        Path out = tmp.resolve("neutral_face.obj");
        IctModelConverter.writeNeutral(mesh, mesh.vertexCount(), 1f, "FaceXModel/generic_neutral_mesh.obj", out);
        assertThat(Sha256.of(out)).isEqualTo(ModelManifest.ictFaceModelLight().outputs().get("neutral_face.obj"));
    }
}
