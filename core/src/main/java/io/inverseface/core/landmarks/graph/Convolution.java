package io.inverseface.core.landmarks.graph;

import java.util.stream.IntStream;

/**
 * NHWC convolutions: {@code Conv2D} with HWIO filters and {@code DepthwiseConv2dNative} with
 * {@code [kh, kw, channels, multiplier]} filters, each with an optional bias and fused activation.
 *
 * <p>The inner loops run over contiguous output channels (they vectorise); output rows are shared
 * among the common pool's threads when the layer is big enough to pay for it.
 */
final class Convolution {

    /** Multiply-adds below which a layer runs on the calling thread only. */
    private static final long PARALLEL_WORK = 1L << 18;

    private Convolution() {
    }

    /** Geometry and epilogue shared by both kinds. */
    record Spec(int strideY, int strideX, int dilationY, int dilationX, String padding,
                float[] bias, Activation activation, float[] alpha, float leak, String nodeName) {
    }

    /**
     * @param x input {@code [n, h, w, cin]}
     * @param filter {@code [kh, kw, cin, cout]}
     * @return {@code [n, oh, ow, cout]}
     */
    static Tensor conv2d(Tensor x, Tensor filter, Spec s) {
        requireRank(x, 4, s.nodeName, "input");
        requireRank(filter, 4, s.nodeName, "filter");
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), cin = x.dim(3);
        int kh = filter.dim(0), kw = filter.dim(1), cout = filter.dim(3);
        if (filter.dim(2) != cin) {
            throw new GraphModelException(s.nodeName + ": filter expects " + filter.dim(2) + " input channels, got " + cin);
        }
        checkEpilogue(s, cout);
        Window wy = Window.of(h, (kh - 1) * s.dilationY + 1, s.strideY, s.padding, s.nodeName);
        Window wx = Window.of(w, (kw - 1) * s.dilationX + 1, s.strideX, s.padding, s.nodeName);
        int oh = wy.out(), ow = wx.out();
        float[] in = x.data();
        float[] f = filter.data();
        float[] out = new float[n * oh * ow * cout];
        long work = (long) n * oh * ow * kh * kw * cin * cout;
        if (kh == 1 && kw == 1 && s.strideY == 1 && s.strideX == 1) {
            rows(n * oh, work, row -> pointwiseRow(in, f, out, row * ow, ow, cin, cout, s));
            return new Tensor(new int[] {n, oh, ow, cout}, out);
        }
        rows(n * oh, work, row -> {
            int b = row / oh, oy = row % oh;
            for (int ox = 0; ox < ow; ox++) {
                int o = ((b * oh + oy) * ow + ox) * cout;
                if (s.bias != null) {
                    System.arraycopy(s.bias, 0, out, o, cout);
                }
                for (int ky = 0; ky < kh; ky++) {
                    int iy = oy * s.strideY - wy.padLow() + ky * s.dilationY;
                    if (iy < 0 || iy >= h) {
                        continue;
                    }
                    for (int kx = 0; kx < kw; kx++) {
                        int ix = ox * s.strideX - wx.padLow() + kx * s.dilationX;
                        if (ix < 0 || ix >= w) {
                            continue;
                        }
                        int ip = ((b * h + iy) * w + ix) * cin;
                        int fp = (ky * kw + kx) * cin * cout;
                        for (int ci = 0; ci < cin; ci++) {
                            float a = in[ip + ci];
                            if (a == 0f) {
                                continue; // after ReLU many inputs are zero
                            }
                            int fr = fp + ci * cout;
                            for (int co = 0; co < cout; co++) {
                                out[o + co] += a * f[fr + co];
                            }
                        }
                    }
                }
                s.activation.apply(out, o, cout, s.alpha, s.leak);
            }
        });
        return new Tensor(new int[] {n, oh, ow, cout}, out);
    }

    /**
     * @param x input {@code [n, h, w, c]}
     * @param filter {@code [kh, kw, c, m]}
     * @return {@code [n, oh, ow, c * m]}, channel {@code ci * m + j}
     */
    static Tensor depthwise(Tensor x, Tensor filter, Spec s) {
        requireRank(x, 4, s.nodeName, "input");
        requireRank(filter, 4, s.nodeName, "filter");
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
        int kh = filter.dim(0), kw = filter.dim(1), m = filter.dim(3);
        if (filter.dim(2) != c) {
            throw new GraphModelException(s.nodeName + ": filter expects " + filter.dim(2) + " channels, got " + c);
        }
        int cout = c * m;
        checkEpilogue(s, cout);
        Window wy = Window.of(h, (kh - 1) * s.dilationY + 1, s.strideY, s.padding, s.nodeName);
        Window wx = Window.of(w, (kw - 1) * s.dilationX + 1, s.strideX, s.padding, s.nodeName);
        int oh = wy.out(), ow = wx.out();
        float[] in = x.data();
        float[] f = filter.data();
        float[] out = new float[n * oh * ow * cout];
        long work = (long) n * oh * ow * kh * kw * cout;
        if (m == 1 && s.strideX == 1 && s.dilationX == 1) {
            float[][] tiles = tiledTaps(f, kh * kw, c, ow);
            rows(n * oh, work, row -> depthwiseRow(in, tiles, out, row, oh, h, w, ow, c, kh, kw, wy.padLow(),
                    wx.padLow(), s));
            return new Tensor(new int[] {n, oh, ow, c}, out);
        }
        rows(n * oh, work, row -> {
            int b = row / oh, oy = row % oh;
            for (int ox = 0; ox < ow; ox++) {
                int o = ((b * oh + oy) * ow + ox) * cout;
                if (s.bias != null) {
                    System.arraycopy(s.bias, 0, out, o, cout);
                }
                for (int ky = 0; ky < kh; ky++) {
                    int iy = oy * s.strideY - wy.padLow() + ky * s.dilationY;
                    if (iy < 0 || iy >= h) {
                        continue;
                    }
                    for (int kx = 0; kx < kw; kx++) {
                        int ix = ox * s.strideX - wx.padLow() + kx * s.dilationX;
                        if (ix < 0 || ix >= w) {
                            continue;
                        }
                        int ip = ((b * h + iy) * w + ix) * c;
                        int fp = (ky * kw + kx) * cout;
                        if (m == 1) {
                            for (int ci = 0; ci < c; ci++) {
                                out[o + ci] += in[ip + ci] * f[fp + ci];
                            }
                        } else {
                            for (int ci = 0; ci < c; ci++) {
                                float a = in[ip + ci];
                                for (int j = 0; j < m; j++) {
                                    out[o + ci * m + j] += a * f[fp + ci * m + j];
                                }
                            }
                        }
                    }
                }
                s.activation.apply(out, o, cout, s.alpha, s.leak);
            }
        });
        return new Tensor(new int[] {n, oh, ow, cout}, out);
    }

    /** 1×1 stride-1 convolution of {@code count} pixels from {@code p0}: four pixels share each filter row. */
    private static void pointwiseRow(float[] in, float[] f, float[] out, int p0, int count, int cin, int cout, Spec s) {
        int p = p0;
        int end = p0 + count;
        for (; p < end; p++) {
            int o = p * cout;
            if (s.bias != null) {
                System.arraycopy(s.bias, 0, out, o, cout);
            }
        }
        p = p0;
        for (; p + 4 <= end; p += 4) {
            int o0 = p * cout, o1 = o0 + cout, o2 = o1 + cout, o3 = o2 + cout;
            int i0 = p * cin, i1 = i0 + cin, i2 = i1 + cin, i3 = i2 + cin;
            for (int ci = 0; ci < cin; ci++) {
                float a0 = in[i0 + ci], a1 = in[i1 + ci], a2 = in[i2 + ci], a3 = in[i3 + ci];
                int fr = ci * cout;
                for (int co = 0; co < cout; co++) {
                    float wv = f[fr + co];
                    out[o0 + co] += a0 * wv;
                    out[o1 + co] += a1 * wv;
                    out[o2 + co] += a2 * wv;
                    out[o3 + co] += a3 * wv;
                }
            }
        }
        for (; p < end; p++) {
            int o = p * cout;
            int ip = p * cin;
            for (int ci = 0; ci < cin; ci++) {
                float a = in[ip + ci];
                int fr = ci * cout;
                for (int co = 0; co < cout; co++) {
                    out[o + co] += a * f[fr + co];
                }
            }
        }
        for (p = p0; p < end; p++) {
            s.activation.apply(out, p * cout, cout, s.alpha, s.leak);
        }
    }

    /** Each tap's channel weights repeated along a row, so a row update is one long contiguous multiply-add. */
    private static float[][] tiledTaps(float[] f, int taps, int c, int ow) {
        float[][] tiles = new float[taps][ow * c];
        for (int t = 0; t < taps; t++) {
            for (int x = 0; x < ow; x++) {
                System.arraycopy(f, t * c, tiles[t], x * c, c);
            }
        }
        return tiles;
    }

    /** One output row of a horizontally stride-1 depthwise convolution (multiplier 1). */
    private static void depthwiseRow(float[] in, float[][] tiles, float[] out, int row, int oh, int h, int w, int ow,
                                     int c, int kh, int kw, int padTop, int padLeft, Spec s) {
        int b = row / oh, oy = row % oh;
        int o = ((b * oh + oy) * ow) * c;
        if (s.bias != null) {
            for (int ox = 0; ox < ow; ox++) {
                System.arraycopy(s.bias, 0, out, o + ox * c, c);
            }
        }
        for (int ky = 0; ky < kh; ky++) {
            int iy = oy * s.strideY - padTop + ky * s.dilationY;
            if (iy < 0 || iy >= h) {
                continue;
            }
            for (int kx = 0; kx < kw; kx++) {
                // output columns whose input column ox - padLeft + kx lies inside the image
                int ox0 = Math.max(0, padLeft - kx);
                int ox1 = Math.min(ow, w + padLeft - kx);
                if (ox1 <= ox0) {
                    continue;
                }
                float[] t = tiles[ky * kw + kx];
                int ob = o + ox0 * c;
                int ib = ((b * h + iy) * w + ox0 - padLeft + kx) * c;
                int len = (ox1 - ox0) * c;
                for (int j = 0; j < len; j++) {
                    out[ob + j] += in[ib + j] * t[j];
                }
            }
        }
        for (int ox = 0; ox < ow; ox++) {
            s.activation.apply(out, o + ox * c, c, s.alpha, s.leak);
        }
    }

    private static void rows(int count, long work, java.util.function.IntConsumer body) {
        if (work < PARALLEL_WORK || count < 2) {
            for (int r = 0; r < count; r++) {
                body.accept(r);
            }
        } else {
            IntStream.range(0, count).parallel().forEach(body);
        }
    }

    private static void checkEpilogue(Spec s, int cout) {
        if (s.bias != null && s.bias.length != cout) {
            throw new GraphModelException(s.nodeName + ": bias has " + s.bias.length + " values for " + cout + " channels");
        }
        if (s.activation == Activation.PRELU && (s.alpha == null || s.alpha.length != cout)) {
            throw new GraphModelException(s.nodeName + ": prelu needs " + cout + " slopes");
        }
    }

    static void requireRank(Tensor t, int rank, String nodeName, String what) {
        if (t.rank() != rank) {
            throw new GraphModelException(nodeName + ": " + what + " must have rank " + rank + ", got " + t);
        }
    }
}
