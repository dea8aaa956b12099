package io.inverseface.core.landmarks.graph;

import java.util.Arrays;
import java.util.List;

/** Ops that move values without arithmetic: Reshape, Pad, ConcatV2. */
final class ShapeOps {

    private ShapeOps() {
    }

    /** Reshape with at most one {@code -1} inferred from the size. */
    static Tensor reshape(Tensor x, int[] target, String nodeName) {
        int[] shape = target.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (infer >= 0) {
                    throw new GraphModelException(nodeName + ": more than one -1 in shape " + Arrays.toString(target));
                }
                infer = i;
            } else {
                known *= shape[i];
            }
        }
        int size = x.data().length;
        if (infer >= 0) {
            if (known == 0 || size % known != 0) {
                throw new GraphModelException(nodeName + ": cannot reshape " + x + " to " + Arrays.toString(target));
            }
            shape[infer] = (int) (size / known);
        } else if (known != size) {
            throw new GraphModelException(nodeName + ": cannot reshape " + x + " to " + Arrays.toString(target));
        }
        return x.reshape(shape);
    }

    /**
     * Constant padding.
     *
     * @param paddings {@code [rank][2]} flattened: before, after per axis (non-negative)
     */
    static Tensor pad(Tensor x, int[] paddings, float value, String nodeName) {
        int rank = x.rank();
        if (paddings.length != 2 * rank) {
            throw new GraphModelException(nodeName + ": paddings for rank " + paddings.length / 2 + " on " + x);
        }
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) {
            if (paddings[2 * d] < 0 || paddings[2 * d + 1] < 0) {
                throw new GraphModelException(nodeName + ": negative padding " + Arrays.toString(paddings));
            }
            shape[d] = x.dim(d) + paddings[2 * d] + paddings[2 * d + 1];
        }
        float[] out = new float[Tensor.size(shape)];
        if (value != 0f) {
            Arrays.fill(out, value);
        }
        if (x.data().length == 0) {
            return new Tensor(shape, out);
        }
        // copy innermost rows: iterate over all input positions except the last axis
        int inner = rank == 0 ? 1 : x.dim(rank - 1);
        int outerCount = x.data().length / Math.max(inner, 1);
        int[] idx = new int[Math.max(rank - 1, 0)];
        float[] in = x.data();
        for (int r = 0; r < outerCount; r++) {
            int o = 0;
            for (int d = 0; d < rank - 1; d++) {
                o = o * shape[d] + idx[d] + paddings[2 * d];
            }
            o = rank == 0 ? 0 : o * shape[rank - 1] + paddings[2 * (rank - 1)];
            System.arraycopy(in, r * inner, out, o, inner);
            for (int d = rank - 2; d >= 0; d--) {
                if (++idx[d] < x.dim(d)) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return new Tensor(shape, out);
    }

    /** Concatenation along {@code axis} (negative counts from the end). */
    static Tensor concat(List<Tensor> parts, int axis, String nodeName) {
        Tensor first = parts.get(0);
        int rank = first.rank();
        int ax = axis < 0 ? axis + rank : axis;
        if (ax < 0 || ax >= rank) {
            throw new GraphModelException(nodeName + ": axis " + axis + " out of range for " + first);
        }
        int[] shape = first.shape().clone();
        shape[ax] = 0;
        for (Tensor t : parts) {
            for (int d = 0; d < rank; d++) {
                if (t.rank() != rank || d != ax && t.dim(d) != first.dim(d)) {
                    throw new GraphModelException(nodeName + ": cannot concatenate " + first + " and " + t + " on axis " + ax);
                }
            }
            shape[ax] += t.dim(ax);
        }
        int outer = 1;
        for (int d = 0; d < ax; d++) {
            outer *= shape[d];
        }
        float[] out = new float[Tensor.size(shape)];
        int o = 0;
        for (int r = 0; r < outer; r++) {
            for (Tensor t : parts) {
                int chunk = t.data().length / Math.max(outer, 1);
                System.arraycopy(t.data(), r * chunk, out, o, chunk);
                o += chunk;
            }
        }
        return new Tensor(shape, out);
    }
}
