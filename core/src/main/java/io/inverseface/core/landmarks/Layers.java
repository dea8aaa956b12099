package io.inverseface.core.landmarks;

import java.util.Arrays;

/**
 * The layer operations the face-api networks need, on NHWC {@link FeatureMap}s.
 *
 * <p>Every operation writes into a caller-supplied output map of the right shape (checked),
 * allocates nothing, and keeps the channel loop innermost on zero-based per-pixel arrays so that
 * the JIT vectorises it. Semantics follow TensorFlow: {@link Padding#SAME} pads asymmetrically
 * (extra at the end), convolution padding is zero, max-pool padding never wins, average-pool
 * divides by the number of in-image elements.
 */
public final class Layers {

    private Layers() {
    }

    /**
     * @return the output shape {@code {height, width}} of a {@code kernel}-window layer
     */
    public static int[] outputSize(FeatureMap in, int kernel, int stride, Padding padding) {
        return new int[] {padding.outputSize(in.height(), kernel, stride), padding.outputSize(in.width(), kernel, stride)};
    }

    /**
     * Regular 2-D convolution plus bias.
     *
     * @param out output of shape {@code outputSize × outChannels}; must not be {@code in}
     */
    public static void conv2d(FeatureMap in, ConvWeights weights, int stride, Padding padding, FeatureMap out) {
        int cin = requireChannels(in, weights.inChannels());
        int k = weights.kernel();
        int h = in.height();
        int w = in.width();
        requireOutput(in, k, stride, padding, weights.outChannels(), out);
        int oh = out.height();
        int ow = out.width();
        int padTop = padding.padBefore(h, k, stride);
        int padLeft = padding.padBefore(w, k, stride);
        float[][] src = in.pixels();
        float[][] dst = out.pixels();
        float[][] filt = weights.filters();
        float[] bias = weights.bias();
        int cout = bias.length;
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                float[] acc = dst[oy * ow + ox];
                System.arraycopy(bias, 0, acc, 0, cout);
                for (int ky = 0; ky < k; ky++) {
                    int iy = oy * stride - padTop + ky;
                    if (iy < 0 || iy >= h) {
                        continue;
                    }
                    for (int kx = 0; kx < k; kx++) {
                        int ix = ox * stride - padLeft + kx;
                        if (ix < 0 || ix >= w) {
                            continue;
                        }
                        float[] px = src[iy * w + ix];
                        int row = (ky * k + kx) * cin;
                        for (int ci = 0; ci < cin; ci++) {
                            float a = px[ci];
                            float[] wr = filt[row + ci];
                            for (int co = 0; co < cout; co++) {
                                acc[co] += a * wr[co];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Depthwise convolution (channel multiplier 1), no bias.
     *
     * @param filter {@code [kernel * kernel][channels]}
     * @param out    output of shape {@code outputSize × channels}; must not be {@code in}
     */
    public static void depthwiseConv2d(FeatureMap in, float[][] filter, int kernel, int stride, Padding padding,
                                       FeatureMap out) {
        int c = in.channels();
        if (filter.length != kernel * kernel || filter[0].length != c) {
            throw new IllegalArgumentException("depthwise filter does not match " + kernel + "x" + kernel + "x" + c);
        }
        int h = in.height();
        int w = in.width();
        requireOutput(in, kernel, stride, padding, c, out);
        int oh = out.height();
        int ow = out.width();
        int padTop = padding.padBefore(h, kernel, stride);
        int padLeft = padding.padBefore(w, kernel, stride);
        float[][] src = in.pixels();
        float[][] dst = out.pixels();
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                float[] acc = dst[oy * ow + ox];
                Arrays.fill(acc, 0f);
                for (int ky = 0; ky < kernel; ky++) {
                    int iy = oy * stride - padTop + ky;
                    if (iy < 0 || iy >= h) {
                        continue;
                    }
                    for (int kx = 0; kx < kernel; kx++) {
                        int ix = ox * stride - padLeft + kx;
                        if (ix < 0 || ix >= w) {
                            continue;
                        }
                        float[] px = src[iy * w + ix];
                        float[] fr = filter[ky * kernel + kx];
                        for (int ch = 0; ch < c; ch++) {
                            acc[ch] += px[ch] * fr[ch];
                        }
                    }
                }
            }
        }
    }

    /**
     * 1×1 convolution plus bias: the matrix product {@code [pixels][cin] · [cin][cout]}, four pixels
     * at a time so each weight row is loaded once per four outputs.
     *
     * @param weights {@code [cin][cout]}
     * @param out     output of the input's size with {@code cout} channels; must not be {@code in}
     */
    public static void pointwiseConv2d(FeatureMap in, float[][] weights, float[] bias, FeatureMap out) {
        int cin = requireChannels(in, weights.length);
        int cout = bias.length;
        if (out.height() != in.height() || out.width() != in.width() || out.channels() != cout
                || weights[0].length != cout) {
            throw new IllegalArgumentException("pointwise conv " + cin + "->" + cout + " on " + in.shape()
                    + " cannot write " + out.shape());
        }
        float[][] src = in.pixels();
        float[][] dst = out.pixels();
        int pixels = src.length;
        int p = 0;
        for (; p + 4 <= pixels; p += 4) {
            float[] s0 = src[p];
            float[] s1 = src[p + 1];
            float[] s2 = src[p + 2];
            float[] s3 = src[p + 3];
            float[] d0 = dst[p];
            float[] d1 = dst[p + 1];
            float[] d2 = dst[p + 2];
            float[] d3 = dst[p + 3];
            System.arraycopy(bias, 0, d0, 0, cout);
            System.arraycopy(bias, 0, d1, 0, cout);
            System.arraycopy(bias, 0, d2, 0, cout);
            System.arraycopy(bias, 0, d3, 0, cout);
            for (int ci = 0; ci < cin; ci++) {
                float a0 = s0[ci];
                float a1 = s1[ci];
                float a2 = s2[ci];
                float a3 = s3[ci];
                float[] wr = weights[ci];
                for (int co = 0; co < cout; co++) {
                    float wv = wr[co];
                    d0[co] += a0 * wv;
                    d1[co] += a1 * wv;
                    d2[co] += a2 * wv;
                    d3[co] += a3 * wv;
                }
            }
        }
        for (; p < pixels; p++) {
            float[] s = src[p];
            float[] d = dst[p];
            System.arraycopy(bias, 0, d, 0, cout);
            for (int ci = 0; ci < cin; ci++) {
                float a = s[ci];
                float[] wr = weights[ci];
                for (int co = 0; co < cout; co++) {
                    d[co] += a * wr[co];
                }
            }
        }
    }

    /**
     * Depthwise-separable convolution: depthwise (with the given stride and padding) into
     * {@code scratch}, then pointwise plus bias into {@code out}.
     *
     * @param scratch map of the depthwise output's shape; distinct from {@code in} and {@code out}
     */
    public static void separableConv2d(FeatureMap in, SeparableConvWeights weights, int stride, Padding padding,
                                       FeatureMap scratch, FeatureMap out) {
        requireChannels(in, weights.inChannels());
        depthwiseConv2d(in, weights.depthwise(), weights.kernel(), stride, padding, scratch);
        pointwiseConv2d(scratch, weights.pointwise(), weights.bias(), out);
    }

    /**
     * Max-pool; padded positions never win (TensorFlow semantics).
     *
     * @param out output of shape {@code outputSize × channels}; must not be {@code in}
     */
    public static void maxPool(FeatureMap in, int window, int stride, Padding padding, FeatureMap out) {
        int c = in.channels();
        int h = in.height();
        int w = in.width();
        requireOutput(in, window, stride, padding, c, out);
        int oh = out.height();
        int ow = out.width();
        int padTop = padding.padBefore(h, window, stride);
        int padLeft = padding.padBefore(w, window, stride);
        float[][] src = in.pixels();
        float[][] dst = out.pixels();
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                float[] acc = dst[oy * ow + ox];
                Arrays.fill(acc, Float.NEGATIVE_INFINITY);
                for (int ky = 0; ky < window; ky++) {
                    int iy = oy * stride - padTop + ky;
                    if (iy < 0 || iy >= h) {
                        continue;
                    }
                    for (int kx = 0; kx < window; kx++) {
                        int ix = ox * stride - padLeft + kx;
                        if (ix < 0 || ix >= w) {
                            continue;
                        }
                        float[] px = src[iy * w + ix];
                        for (int ch = 0; ch < c; ch++) {
                            acc[ch] = Math.max(acc[ch], px[ch]);
                        }
                    }
                }
            }
        }
    }

    /**
     * Average pool; each output divides by the number of in-image elements of its window.
     *
     * @param out output of shape {@code outputSize × channels}; must not be {@code in}
     */
    public static void avgPool(FeatureMap in, int window, int stride, Padding padding, FeatureMap out) {
        int c = in.channels();
        int h = in.height();
        int w = in.width();
        requireOutput(in, window, stride, padding, c, out);
        int oh = out.height();
        int ow = out.width();
        int padTop = padding.padBefore(h, window, stride);
        int padLeft = padding.padBefore(w, window, stride);
        float[][] src = in.pixels();
        float[][] dst = out.pixels();
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                float[] acc = dst[oy * ow + ox];
                Arrays.fill(acc, 0f);
                int count = 0;
                for (int ky = 0; ky < window; ky++) {
                    int iy = oy * stride - padTop + ky;
                    if (iy < 0 || iy >= h) {
                        continue;
                    }
                    for (int kx = 0; kx < window; kx++) {
                        int ix = ox * stride - padLeft + kx;
                        if (ix < 0 || ix >= w) {
                            continue;
                        }
                        count++;
                        float[] px = src[iy * w + ix];
                        for (int ch = 0; ch < c; ch++) {
                            acc[ch] += px[ch];
                        }
                    }
                }
                float inv = 1f / count;
                for (int ch = 0; ch < c; ch++) {
                    acc[ch] *= inv;
                }
            }
        }
    }

    /**
     * Fully connected layer on the flattened map (NHWC order, as TF.js flattens it).
     *
     * @param out receives {@code weights.outputs()} values
     */
    public static void dense(FeatureMap in, DenseWeights weights, float[] out) {
        int m = weights.outputs();
        if (in.size() != weights.inputs() || out.length < m) {
            throw new IllegalArgumentException("dense layer " + weights.inputs() + "->" + m + " got an input of "
                    + in.size() + " values and an output of " + out.length);
        }
        float[][] wts = weights.weights();
        System.arraycopy(weights.bias(), 0, out, 0, m);
        int i = 0;
        for (float[] px : in.pixels()) {
            for (float a : px) {
                float[] wr = wts[i++];
                for (int j = 0; j < m; j++) {
                    out[j] += a * wr[j];
                }
            }
        }
    }

    /** Adds one value per channel in place. */
    public static void biasAdd(FeatureMap map, float[] bias) {
        int c = requireChannels(map, bias.length);
        for (float[] px : map.pixels()) {
            for (int ch = 0; ch < c; ch++) {
                px[ch] += bias[ch];
            }
        }
    }

    /** {@code max(x, 0)} in place. */
    public static void relu(FeatureMap map) {
        int c = map.channels();
        for (float[] px : map.pixels()) {
            for (int ch = 0; ch < c; ch++) {
                px[ch] = Math.max(px[ch], 0f);
            }
        }
    }

    /**
     * Leaky ReLU in place: {@code x} for positive values, {@code alpha * x} otherwise
     * (equivalently {@code max(x, alpha * x)} for {@code 0 < alpha < 1}).
     *
     * @param alpha slope for negative inputs, in (0, 1) (0.1 in Tiny-YOLO)
     */
    public static void leakyRelu(FeatureMap map, float alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("leaky ReLU slope must lie in (0, 1), got " + alpha);
        }
        int c = map.channels();
        for (float[] px : map.pixels()) {
            for (int ch = 0; ch < c; ch++) {
                px[ch] = Math.max(px[ch], alpha * px[ch]);
            }
        }
    }

    /** {@code acc += x}, element-wise; shapes must match. */
    public static void addInPlace(FeatureMap acc, FeatureMap x) {
        requireSameShape(acc, x);
        int c = acc.channels();
        float[][] a = acc.pixels();
        float[][] b = x.pixels();
        for (int p = 0; p < a.length; p++) {
            float[] ap = a[p];
            float[] bp = b[p];
            for (int ch = 0; ch < c; ch++) {
                ap[ch] += bp[ch];
            }
        }
    }

    /** {@code out = max(x, 0)}; shapes must match, {@code out} may be {@code x}. */
    public static void reluInto(FeatureMap x, FeatureMap out) {
        requireSameShape(x, out);
        int c = x.channels();
        float[][] s = x.pixels();
        float[][] d = out.pixels();
        for (int p = 0; p < s.length; p++) {
            float[] sp = s[p];
            float[] dp = d[p];
            for (int ch = 0; ch < c; ch++) {
                dp[ch] = Math.max(sp[ch], 0f);
            }
        }
    }

    /** {@code out = x}; shapes must match. */
    public static void copy(FeatureMap x, FeatureMap out) {
        requireSameShape(x, out);
        float[][] s = x.pixels();
        float[][] d = out.pixels();
        for (int p = 0; p < s.length; p++) {
            System.arraycopy(s[p], 0, d[p], 0, s[p].length);
        }
    }

    private static int requireChannels(FeatureMap map, int expected) {
        if (map.channels() != expected) {
            throw new IllegalArgumentException("layer expects " + expected + " input channels, got " + map.channels());
        }
        return expected;
    }

    private static void requireOutput(FeatureMap in, int kernel, int stride, Padding padding, int channels,
                                      FeatureMap out) {
        int oh = padding.outputSize(in.height(), kernel, stride);
        int ow = padding.outputSize(in.width(), kernel, stride);
        if (out.height() != oh || out.width() != ow || out.channels() != channels) {
            throw new IllegalArgumentException("layer on " + in.shape() + " (window " + kernel + ", stride " + stride
                    + ", " + padding + ") produces " + oh + "x" + ow + "x" + channels + ", output map is "
                    + out.shape());
        }
    }

    private static void requireSameShape(FeatureMap a, FeatureMap b) {
        if (!a.sameShape(b)) {
            throw new IllegalArgumentException("shapes differ: " + a.shape() + " vs " + b.shape());
        }
    }
}
