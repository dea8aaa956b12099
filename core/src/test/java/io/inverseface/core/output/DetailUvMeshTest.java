package io.inverseface.core.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inverseface.core.detail.DetailResult;
import io.inverseface.core.detail.LoopSubdivision;
import io.inverseface.core.detail.RegionMesh;
import io.inverseface.core.detail.SubdividedMesh;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.model.FaceRegion;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DetailUvMeshTest {

    private static FaceModel model;

    @BeforeAll
    static void loadModel() {
        model = FaceModels.ictLight();
    }

    /** The detail stage's region sub-mesh, subdivided; only the topology and the vertex map matter here. */
    private static DetailResult region(FaceModel m, int[] regionTriangles, int levels) {
        RegionMesh region = RegionMesh.of(regionTriangles, m.vertexCount());
        int[] regionVertices = region.modelVertices();
        float[] p = region.gather(m.meanShape());
        int[] tri = region.triangles();
        SubdividedMesh fine = LoopSubdivision.subdivide(p, tri, levels);
        int n = fine.vertexCount();
        return new DetailResult(regionVertices, fine, new float[n], fine.positions(), new float[3 * n],
                new float[3 * n], new float[3 * n], new boolean[n], List.of(), 0);
    }

    @Test
    void cornerUvsCarriedThroughTwoSubdivisionsAgreeWithTheVertexMidpoints() {
        DetailResult d = region(model, model.regionTriangles(FaceRegion.NARROW), 2);
        DetailUvMesh uv = DetailUvMesh.of(d, model);

        // The ICT face region has no UV seam, so no vertex is split and every vertex has one UV...
        assertThat(uv.splitCount()).isZero();
        assertThat(uv.vertexCount()).isEqualTo(d.subdivided().vertexCount());
        assertThat(uv.triangles()).isEqualTo(d.subdivided().triangles());
        // ...which, UVs being linear, is the parents' midpoint level by level: this checks the child order.
        float[] perVertex = new float[2 * d.regionVertices().length];
        float[] modelUv = model.uvs();
        int[] modelTri = model.triangles(), uvTri = model.uvTriangles();
        int[] local = new int[model.vertexCount()];
        Arrays.fill(local, -1);
        for (int i = 0; i < d.regionVertices().length; i++) {
            local[d.regionVertices()[i]] = i;
        }
        for (int c = 0; c < modelTri.length; c++) {
            if (local[modelTri[c]] >= 0) {
                perVertex[2 * local[modelTri[c]]] = modelUv[2 * uvTri[c]];
                perVertex[2 * local[modelTri[c]] + 1] = modelUv[2 * uvTri[c] + 1];
            }
        }
        float[] carried = d.subdivided().carry(perVertex, 2);
        for (int i = 0; i < carried.length; i++) {
            assertThat(uv.uvs()[i]).as("uv component %d", i).isCloseTo(carried[i], org.assertj.core.api.Assertions.within(1e-6f));
        }
    }

    @Test
    void verticesOnAUvSeamAreSplitOncePerExtraUv() {
        // The whole model has seams (the ears, the back of the head): a vertex with k UVs becomes k vertices.
        DetailResult d = region(model, model.triangles(), 0);
        DetailUvMesh uv = DetailUvMesh.of(d, model);
        int[] modelTri = model.triangles(), uvTri = model.uvTriangles();
        java.util.Map<Integer, java.util.Set<Long>> uvsOf = new java.util.HashMap<>();
        float[] modelUv = model.uvs();
        for (int c = 0; c < modelTri.length; c++) {
            long key = ((long) Float.floatToIntBits(modelUv[2 * uvTri[c]]) << 32) | (Float.floatToIntBits(modelUv[2 * uvTri[c] + 1]) & 0xffffffffL);
            uvsOf.computeIfAbsent(modelTri[c], k -> new java.util.HashSet<>()).add(key);
        }
        int expectedExtra = uvsOf.values().stream().mapToInt(s -> s.size() - 1).sum();
        assertThat(uv.splitCount()).isEqualTo(expectedExtra);
        assertThat(uv.vertexCount()).isEqualTo(d.subdivided().vertexCount() + expectedExtra);
        // Each corner keeps the model's UV of that corner.
        for (int c = 0; c < uv.triangles().length; c++) {
            int v = uv.triangles()[c];
            assertThat(d.regionVertices()[uv.sourceVertex()[v]]).isEqualTo(modelTri[c]);
            assertThat(uv.uvs()[2 * v]).isEqualTo(modelUv[2 * uvTri[c]]);
            assertThat(uv.uvs()[2 * v + 1]).isEqualTo(modelUv[2 * uvTri[c] + 1]);
        }
    }

    @Test
    void aTriangleTheModelDoesNotHaveIsReported() {
        int[] t = model.regionTriangles(FaceRegion.NARROW);
        int[] flipped = t.clone();
        flipped[1] = t[2];
        flipped[2] = t[1];
        DetailResult d = region(model, flipped, 0);
        assertThatThrownBy(() -> DetailUvMesh.of(d, model)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another model");
    }
}
