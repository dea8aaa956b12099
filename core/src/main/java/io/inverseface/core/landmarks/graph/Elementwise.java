package io.inverseface.core.landmarks.graph;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/** Element-wise ops, binary ones with NumPy broadcasting. */
final class Elementwise {

    /** A binary float function. */
    @FunctionalInterface
    interface Binary {
        float apply(float a, float b);
    }

    private Elementwise() {
    }

    static Tensor unary(Tensor x, DoubleUnaryOperator f) {
        float[] in = x.data();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (float) f.applyAsDouble(in[i]);
        }
        return new Tensor(x.shape(), out);
    }

    /** {@code max(x, 0) + alpha * min(x, 0)}, alpha broadcast against x. */
    static Tensor prelu(Tensor x, Tensor alpha, String nodeName) {
        return binary(x, alpha, (a, s) -> a < 0 ? s * a : a, nodeName);
    }

    /**
     * @return {@code f(a, b)} over the broadcast shape of {@code a} and {@code b}
     * @throws GraphModelException if the shapes do not broadcast
     */
    static Tensor binary(Tensor a, Tensor b, Binary f, String nodeName) {
        float[] x = a.data();
        float[] y = b.data();
        if (Arrays.equals(a.shape(), b.shape())) {
            float[] out = new float[x.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = f.apply(x[i], y[i]);
            }
            return new Tensor(a.shape(), out);
        }
        int[] shape = broadcastShape(a.shape(), b.shape(), nodeName);
        int n = Tensor.size(shape);
        float[] out = new float[n];
        // fast path: b is a vector along the last axis of a (bias, per-channel slope) or a scalar
        if (Arrays.equals(shape, a.shape()) && isTrailing(b, shape)) {
            int len = y.length;
            for (int i = 0; i < n; i++) {
                out[i] = f.apply(x[i], y[i % len]);
            }
            return new Tensor(shape, out);
        }
        int[] sa = strides(a.shape(), shape);
        int[] sb = strides(b.shape(), shape);
        int rank = shape.length;
        int[] idx = new int[rank];
        int ia = 0;
        int ib = 0;
        for (int i = 0; i < n; i++) {
            out[i] = f.apply(x[ia], y[ib]);
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                ia += sa[d];
                ib += sb[d];
                if (idx[d] < shape[d]) {
                    break;
                }
                ia -= sa[d] * shape[d];
                ib -= sb[d] * shape[d];
                idx[d] = 0;
            }
        }
        return new Tensor(shape, out);
    }

    /** Whether b's values repeat along the last axis of {@code shape} only (every other dim 1). */
    private static boolean isTrailing(Tensor b, int[] shape) {
        int[] s = b.shape();
        for (int i = 0; i < s.length - 1; i++) {
            if (s[i] != 1) {
                return false;
            }
        }
        return s.length == 0 || s[s.length - 1] == 1 && b.data().length == 1 || s[s.length - 1] == shape[shape.length - 1];
    }

    static int[] broadcastShape(int[] a, int[] b, String nodeName) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new GraphModelException(nodeName + ": shapes " + Arrays.toString(a) + " and "
                        + Arrays.toString(b) + " do not broadcast");
            }
            out[i] = Math.max(da, db);
        }
        return out;
    }

    /** Strides of {@code s} (right-aligned) over the broadcast {@code shape}; 0 along broadcast axes. */
    private static int[] strides(int[] s, int[] shape) {
        int rank = shape.length;
        int[] st = new int[rank];
        int step = 1;
        for (int i = rank - 1; i >= 0; i--) {
            int j = i - (rank - s.length);
            int d = j >= 0 ? s[j] : 1;
            st[i] = d == 1 ? 0 : step;
            step *= d;
        }
        return st;
    }
}
