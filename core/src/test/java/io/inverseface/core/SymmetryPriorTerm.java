package io.inverseface.core;

import io.inverseface.core.fit.VertexMajorBases;
import io.inverseface.core.model.FaceModel;
import io.inverseface.optim.Term;
import java.util.ArrayList;
import java.util.List;

/**
 * A researcher's own prior, written only against the public API: the identity shape should be
 * mirror-symmetric about the x = 0 plane, {@code E_sym = Σ_(v,v') (x_v + x_v')² + (y_v − y_v')² + (z_v − z_v')²}
 * over mirrored vertex pairs of the mean face, using the identity modes only.
 */
final class SymmetryPriorTerm implements Term {

    private final int[] left;
    private final int[] right;
    private final int modes;
    private final float[][] basis;
    private final float[] mean;

    SymmetryPriorTerm(FaceModel model, VertexMajorBases bases, int maxPairs) {
        this.mean = model.meanShape();
        this.modes = bases.identityCount();
        List<int[]> pairs = mirrorPairs(mean, model.regionVertices(io.inverseface.core.model.FaceRegion.NARROW), maxPairs);
        left = pairs.stream().mapToInt(p -> p[0]).toArray();
        right = pairs.stream().mapToInt(p -> p[1]).toArray();
        basis = new float[modes][];
        for (int k = 0; k < modes; k++) {
            basis[k] = model.identityBasis().mode(k);
        }
    }

    /** Pairs (v, v') with v on the subject's left (x > 1 mm) and v' the vertex nearest to its mirror image. */
    static List<int[]> mirrorPairs(float[] p, int[] region, int maxPairs) {
        List<int[]> out = new ArrayList<>();
        int step = Math.max(1, region.length / (2 * maxPairs));
        for (int i = 0; i < region.length && out.size() < maxPairs; i += step) {
            int v = region[i];
            if (p[3 * v] < 1) {
                continue;
            }
            int best = -1;
            double bestD = 1.0; // mm²: only accept a near-exact mirror partner
            for (int w : region) {
                double dx = p[3 * w] + p[3 * v], dy = p[3 * w + 1] - p[3 * v + 1], dz = p[3 * w + 2] - p[3 * v + 2];
                double d = dx * dx + dy * dy + dz * dz;
                if (d < bestD) {
                    bestD = d;
                    best = w;
                }
            }
            if (best >= 0) {
                out.add(new int[] {v, best});
            }
        }
        return out;
    }

    int pairCount() {
        return left.length;
    }

    @Override
    public String name() {
        return "symmetry";
    }

    @Override
    public int residualCount() {
        return 3 * left.length;
    }

    @Override
    public int[] blockSizes() {
        return new int[] {modes};
    }

    @Override
    public boolean evaluate(double[][] blocks, double[] residuals, double[][] jacobians) {
        double[] a = blocks[0];
        double norm = 1.0 / Math.sqrt(left.length);
        for (int i = 0; i < left.length; i++) {
            int v = 3 * left[i], w = 3 * right[i];
            double[] sign = {1, -1, -1};
            for (int d = 0; d < 3; d++) {
                double r = mean[v + d] + sign[d] * mean[w + d];
                for (int k = 0; k < modes; k++) {
                    double jk = basis[k][v + d] + sign[d] * basis[k][w + d];
                    r += a[k] * jk;
                    if (jacobians != null && jacobians[0] != null) {
                        jacobians[0][(3 * i + d) * modes + k] = norm * jk;
                    }
                }
                residuals[3 * i + d] = norm * r;
            }
        }
        return true;
    }
}
