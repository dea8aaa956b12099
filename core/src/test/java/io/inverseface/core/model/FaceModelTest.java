package io.inverseface.core.model;

import io.inverseface.render.Mesh;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FaceModelTest {
    private static FaceModel model;

    @BeforeAll
    static void load() {
        model = TestModels.ictLight();
    }

    @Test
    void hasTheDeclaredCounts() {
        assertThat(model.vertexCount()).isEqualTo(9409);
        assertThat(model.triangleCount()).isEqualTo(18460);
        assertThat(model.identityCount()).isEqualTo(100);
        assertThat(model.expressionCount()).isEqualTo(55);
        assertThat(model.landmarkVertices()).hasSize(68);
        assertThat(model.expressionNames()).hasSize(55).startsWith("browDown_L").endsWith("noseSneer_R")
                .doesNotContain("PupilDilate_L", "PupilDilate_R");
        assertThat(model.albedoCount()).isEqualTo(3 * GenericAlbedoPrior.DEFAULT_EIGENVECTORS);
        assertThat(model.uvTriangles()).hasSize(3 * 18460);
        assertThat(model.expressionLowerBound()).containsOnly(0.0);
        assertThat(model.expressionUpperBound()).containsOnly(1.0);
    }

    @Test
    void regionsAreNestedAndNarrowIsTheFirstQuads() {
        assertThat(model.regionVertices(FaceRegion.NARROW)).hasSize(6706);
        assertThat(model.regionVertices(FaceRegion.FULL)).hasSize(9409);
        int[] narrowTriangles = model.regionTriangleIndices(FaceRegion.NARROW);
        assertThat(narrowTriangles.length).isGreaterThanOrEqualTo(2 * 6560);
        assertThat(model.regionTriangleIndices(FaceRegion.FULL)).hasSize(18460);
        boolean[] mask = model.regionMask(FaceRegion.NARROW);
        for (int v : model.regionTriangles(FaceRegion.NARROW)) {
            assertThat(mask[v]).isTrue();
        }
        // The 68 landmarks all lie on the narrow face.
        for (int v : model.landmarkVertices()) {
            assertThat(mask[v]).as("landmark vertex %d", v).isTrue();
        }
    }

    @Test
    void jawlineAlternativesCoverTheContour() {
        Jawline jaw = model.jawline();
        assertThat(jaw.rightAlternatives()).hasSize(8);
        assertThat(jaw.leftAlternatives()).hasSize(8);
        assertThat(jaw.alternativeFor(8)).isEqualTo(-1);
        assertThat(jaw.alternativeFor(0)).isEqualTo(1278);
        assertThat(jaw.alternativeFor(16)).isEqualTo(3496);
        assertThat(jaw.rightCandidates()).hasSize(17);
    }

    @Test
    void zeroCoefficientsGiveTheMean() {
        float[] v = model.instance(new double[100], new double[55]);
        assertThat(v).containsExactly(model.meanShape());
        float[] shorter = model.instance(new double[0], new double[0]);
        assertThat(shorter).containsExactly(model.meanShape());
    }

    @Test
    void instanceIsLinearInTheCoefficients() {
        Random r = new Random(1);
        double[] a = new double[100], b = new double[100], ea = new double[55], eb = new double[55];
        for (int i = 0; i < 100; i++) {
            a[i] = r.nextGaussian();
            b[i] = r.nextGaussian();
        }
        for (int i = 0; i < 55; i++) {
            ea[i] = r.nextDouble();
            eb[i] = r.nextDouble();
        }
        double[] sum = new double[100], esum = new double[55];
        for (int i = 0; i < 100; i++) {
            sum[i] = a[i] + b[i];
        }
        for (int i = 0; i < 55; i++) {
            esum[i] = ea[i] + eb[i];
        }
        float[] mean = model.meanShape();
        float[] fa = model.instance(a, ea), fb = model.instance(b, eb), fs = model.instance(sum, esum);
        double maxErr = 0, maxOffset = 0;
        for (int i = 0; i < mean.length; i++) {
            double expected = fa[i] + fb[i] - mean[i];
            maxErr = Math.max(maxErr, Math.abs(fs[i] - expected));
            maxOffset = Math.max(maxOffset, Math.abs(fa[i] - mean[i]));
        }
        assertThat(maxOffset).isGreaterThan(1.0);
        assertThat(maxErr).isLessThan(1e-3);

        float[] out = new float[mean.length];
        model.instance(a, ea, out);
        assertThat(out).containsExactly(fa);
        // One identity unit moves the vertices by the stored mode exactly.
        double[] unit = new double[100];
        unit[3] = 1;
        float[] u = model.instance(unit, new double[0]);
        Basis id = model.identityBasis();
        assertThat(u[300] - mean[300]).isCloseTo(id.modeValue(3, 300), within(1e-5f));
    }

    @Test
    void normalsPointOutwardAtTheNoseTip() {
        float[] normals = model.vertexNormals(model.meanShape());
        int noseTip = model.landmarkVertices()[30];
        assertThat(normals[3 * noseTip + 2]).isGreaterThan(0.8f);
        // The mean outward normal over the narrow face faces the viewer.
        double z = 0;
        for (int v : model.regionVertices(FaceRegion.NARROW)) {
            z += normals[3 * v + 2];
        }
        assertThat(z / 6706).isGreaterThan(0.3);
    }

    @Test
    void toMeshSharesTopology() {
        Mesh mesh = model.toMesh(model.meanShape());
        assertThat(mesh.vertexCount()).isEqualTo(9409);
        assertThat(mesh.triangles()).containsExactly(model.triangles());
    }

    @Test
    void meanAlbedoHasRedderLipsThanCheeksAndDarkerBrows() {
        float[] rho = model.albedo(new double[0]);
        int[] lm = model.landmarkVertices();
        double lipRedness = 0;
        int[] lipPoints = {lm[61], lm[62], lm[63], lm[65], lm[66], lm[67], lm[51], lm[57]};
        for (int v : lipPoints) {
            lipRedness += redness(rho, v);
        }
        lipRedness /= lipPoints.length;
        float[] mean = model.meanShape();
        int cheek = nearest(mean, lm[2], lm[31], lm[41]);
        int forehead = nearest(mean, lm[19], lm[24], lm[27]);
        assertThat(lipRedness).isGreaterThan(redness(rho, cheek) + 0.03);
        assertThat(redness(rho, cheek)).isGreaterThan(redness(rho, forehead));
        double browLuma = luma(rho, lm[19]) + luma(rho, lm[24]);
        assertThat(browLuma / 2).isLessThan(luma(rho, forehead) - 0.1);
        assertThat(luma(rho, lm[30])).isGreaterThan(luma(rho, forehead));
        for (float c : rho) {
            assertThat(c).isBetween(0f, 1f);
        }
    }

    @Test
    void badCoefficientsAreRejected() {
        assertThatThrownBy(() -> model.instance(new double[101], new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("101 coefficients");
        double[] nan = new double[3];
        nan[1] = Double.NaN;
        assertThatThrownBy(() -> model.instance(nan, new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not finite");
        assertThatThrownBy(() -> model.instance(new double[0], new double[0], new float[5]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output length");
    }

    static double redness(float[] rho, int v) {
        return rho[3 * v] / (rho[3 * v] + rho[3 * v + 1] + rho[3 * v + 2]);
    }

    static double luma(float[] rho, int v) {
        return 0.2126 * rho[3 * v] + 0.7152 * rho[3 * v + 1] + 0.0722 * rho[3 * v + 2];
    }

    private static int nearest(float[] p, int a, int b, int c) {
        double x = (p[3 * a] + p[3 * b] + p[3 * c]) / 3, y = (p[3 * a + 1] + p[3 * b + 1] + p[3 * c + 1]) / 3,
                z = (p[3 * a + 2] + p[3 * b + 2] + p[3 * c + 2]) / 3;
        int best = 0;
        double bestD = Double.MAX_VALUE;
        for (int v = 0; v < p.length / 3; v++) {
            double d = Math.pow(p[3 * v] - x, 2) + Math.pow(p[3 * v + 1] - y, 2) + Math.pow(p[3 * v + 2] - z, 2);
            if (d < bestD) {
                bestD = d;
                best = v;
            }
        }
        return best;
    }
}
