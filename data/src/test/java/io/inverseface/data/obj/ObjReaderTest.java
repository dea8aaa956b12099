package io.inverseface.data.obj;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjReaderTest {
    @TempDir
    Path tmp;

    private Path write(String text) throws IOException {
        Path p = tmp.resolve("m.obj");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsVerticesUvsAndMixedCornerForms() throws IOException {
        Path p = write("# c\nv 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nvt 0 0\nvt 1 0\nvt 1 1\nvn 0 0 1\ng g\n"
                + "f 1/1/1 2/2/1 3/3/1 4/1/1\nf 1//1 2//1 3//1\nf -4 -3 -2\n");
        ObjMesh m = ObjReader.read(p);
        assertThat(m.vertexCount()).isEqualTo(4);
        assertThat(m.uvCount()).isEqualTo(3);
        assertThat(m.polygonCount()).isEqualTo(3);
        assertThat(m.arity(0)).isEqualTo(4);
        assertThat(m.polygonVertices()).containsExactly(0, 1, 2, 3, 0, 1, 2, 0, 1, 2);
        assertThat(m.polygonUvs()).containsExactly(0, 1, 2, 0, -1, -1, -1, -1, -1, -1);
        assertThat(m.positions()).containsExactly(0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0);
    }

    @Test
    void keepsOnlyThePolygonPrefixAndVertexPrefix() throws IOException {
        Path p = write("v 0 0 0\nv 1 0 0\nv 1 1 0\nv 5 5 5\nf 1 2 3\nf 2 3 4\n");
        assertThat(ObjReader.read(p, 1).polygonCount()).isEqualTo(1);
        assertThat(ObjReader.readPositions(p, 2)).containsExactly(0, 0, 0, 1, 0, 0);
        assertThatThrownBy(() -> ObjReader.readPositions(p, 5)).isInstanceOf(ObjFormatException.class)
                .hasMessageContaining("has 4 vertices, expected at least 5");
    }

    @Test
    void errorsNameFileAndLine() throws IOException {
        Path bad = write("v 0 0 0\nv 1 x 0\n");
        assertThatThrownBy(() -> ObjReader.read(bad)).isInstanceOf(ObjFormatException.class)
                .hasMessageContaining("m.obj:2").hasMessageContaining("not a number");
        Path range = write("v 0 0 0\nv 1 0 0\nv 1 1 0\nf 1 2 7\n");
        assertThatThrownBy(() -> ObjReader.read(range)).isInstanceOf(ObjFormatException.class)
                .hasMessageContaining("m.obj:4").hasMessageContaining("out of range");
        Path shortLine = write("v 0 0\n");
        assertThatThrownBy(() -> ObjReader.read(shortLine)).isInstanceOf(ObjFormatException.class)
                .hasMessageContaining("expected 3 numbers");
    }
}
