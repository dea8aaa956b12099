package io.inverseface.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.core.detail.DisplacementLaplacian;
import io.inverseface.core.detail.LoopSubdivision;
import io.inverseface.core.detail.RegionMesh;
import io.inverseface.core.detail.SubdividedMesh;
import io.inverseface.render.CotangentLaplacian;
import io.inverseface.render.Mesh;
import io.inverseface.render.Meshes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixSparseCSC;
import org.junit.jupiter.api.Test;

/** Temporary: the one CotangentLaplacian reproduces DisplacementLaplacian bit for bit (MeshLaplacian: see history). */
class CotangentLaplacianEquivalenceTest {

    record Case(String name, float[] p, int[] t) {
    }

    private static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        FaceModel model = TestModels.ictLight();
        Random rnd = new Random(11);
        for (int s = 0; s < 4; s++) {
            float[] shape = model.meanShape().clone();
            if (s > 0) {
                double[] a = new double[model.identityCount()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = 1.5 * rnd.nextGaussian();
                }
                model.identityBasis().accumulate(a, shape);
                double[] e = new double[model.expressionCount()];
                for (int i = 0; i < e.length; i++) {
                    e[i] = 0.5 * rnd.nextDouble();
                }
                model.expressionBasis().accumulate(e, shape);
            }
            out.add(new Case("ict shape " + s, shape, model.triangles()));
            for (FaceRegion region : FaceRegion.values()) {
                RegionMesh r = RegionMesh.of(model.regionTriangles(region), model.vertexCount());
                for (int levels = 0; levels <= (s == 0 ? 2 : 1); levels++) {
                    SubdividedMesh fine = LoopSubdivision.subdivide(r.gather(shape), r.triangles(), levels);
                    out.add(new Case("ict shape " + s + " " + region + " level " + levels, fine.positions(), fine.triangles()));
                }
            }
        }
        Mesh sphere = Meshes.icosphere(3, 40f);
        out.add(new Case("icosphere", sphere.positions(), sphere.triangles()));
        int side = 21;
        float[] grid = new float[3 * side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                grid[3 * (y * side + x)] = x + (float) (0.3 * rnd.nextGaussian());
                grid[3 * (y * side + x) + 1] = y + (float) (0.3 * rnd.nextGaussian());
                grid[3 * (y * side + x) + 2] = (float) (0.5 * rnd.nextGaussian());
            }
        }
        int[] tri = new int[6 * (side - 1) * (side - 1)];
        int t = 0;
        for (int y = 0; y + 1 < side; y++) {
            for (int x = 0; x + 1 < side; x++) {
                int a = y * side + x, b = a + 1, c = a + side + 1, d = a + side;
                tri[t++] = a; tri[t++] = b; tri[t++] = c;
                tri[t++] = a; tri[t++] = c; tri[t++] = d;
            }
        }
        out.add(new Case("jittered grid", grid, tri));
        return out;
    }

    private static boolean bitsEqual(double[] a, double[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) {
                System.out.println("differs at " + i + ": " + a[i] + " vs " + b[i]);
                return false;
            }
        }
        return true;
    }

    @Test
    void reproducesBothOldOperatorsBitForBit() {
        int compared = 0;
        long entries = 0;
        for (Case c : cases()) {
            CotangentLaplacian lap = CotangentLaplacian.of(c.p(), c.t());
            DMatrixSparseCSC l = lap.matrix();

            DMatrixSparseCSC rowNormalised = lap.rowNormalised();
            DMatrixSparseCSC reference = DisplacementLaplacian.build(c.p(), c.t());
            assertThat(rowNormalised.nz_length).as(c.name()).isEqualTo(reference.nz_length);
            assertThat(Arrays.equals(rowNormalised.col_idx, reference.col_idx)).as(c.name()).isTrue();
            assertThat(Arrays.equals(Arrays.copyOf(rowNormalised.nz_rows, rowNormalised.nz_length),
                    Arrays.copyOf(reference.nz_rows, reference.nz_length))).as(c.name()).isTrue();
            assertThat(bitsEqual(Arrays.copyOf(rowNormalised.nz_values, rowNormalised.nz_length),
                    Arrays.copyOf(reference.nz_values, reference.nz_length))).as(c.name()).isTrue();
            entries += l.nz_length;
            compared++;
        }
        System.out.println("CotangentLaplacian equivalence: " + compared + " meshes, " + entries + " entries, bit-identical");
    }
}
