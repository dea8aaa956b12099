package io.inverseface.core.landmarks;

import java.util.Arrays;

/**
 * A VALID stride-1 convolution on a few planar input channels, fused with the 2×2 stride-2 SAME
 * max-pool that follows it: {@code maxPool(conv2d(x))} without materialising the full-resolution
 * convolution output.
 *
 * <p>Why a separate kernel: the detector's first layer (3 → 16 channels on a 414×414 grid) is
 * most of its arithmetic, and with only 16 output channels a channel-vectorised loop is too short
 * to vectorise well. Here the inner loop runs along an image row instead (hundreds of pixels),
 * over zero-based row copies so that HotSpot vectorises it. Results equal
 * {@link Layers#conv2d} + {@link Layers#maxPool} (window 2, stride 2, SAME) up to float rounding.
 *
 * <p>Instances hold per-call row buffers: use one per thread.
 */
final class ConvMaxPoolRows {

    private final ConvWeights weights;
    private final int inHeight;
    private final int inWidth;
    private final int convHeight;
    private final int convWidth;
    /** [tap * cin + ci][x]: the input row under each filter tap, shifted so x is the output column. */
    private final float[][] patch;
    /** [row of the pooling pair][co][x]: two convolution output rows, planar. */
    private final float[][][] rows;

    /**
     * @param weights  the convolution (any square kernel)
     * @param inHeight input rows
     * @param inWidth  input columns
     */
    ConvMaxPoolRows(ConvWeights weights, int inHeight, int inWidth) {
        this.weights = weights;
        this.inHeight = inHeight;
        this.inWidth = inWidth;
        this.convHeight = Padding.VALID.outputSize(inHeight, weights.kernel(), 1);
        this.convWidth = Padding.VALID.outputSize(inWidth, weights.kernel(), 1);
        this.patch = new float[weights.kernel() * weights.kernel() * weights.inChannels()][convWidth];
        this.rows = new float[2][weights.outChannels()][convWidth];
    }

    /** @return the pooled output's rows */
    int outputHeight() {
        return Padding.SAME.outputSize(convHeight, 2, 2);
    }

    /** @return the pooled output's columns */
    int outputWidth() {
        return Padding.SAME.outputSize(convWidth, 2, 2);
    }

    /**
     * @param planes {@code inChannels} planes of {@code inHeight * inWidth} values, row-major
     * @param out    {@code outputHeight × outputWidth × outChannels}
     */
    void apply(float[][] planes, FeatureMap out) {
        int cin = weights.inChannels();
        int cout = weights.outChannels();
        if (planes.length != cin || planes[0].length != inHeight * inWidth || out.height() != outputHeight() || out.width() != outputWidth()
                || out.channels() != cout) {
            throw new IllegalArgumentException("fused conv+pool on " + planes.length + " planes cannot write "
                    + out.shape());
        }
        float[][] dst = out.pixels();
        int ow = out.width();
        for (int py = 0; py < out.height(); py++) {
            int pair = Math.min(2, convHeight - 2 * py);
            for (int r = 0; r < pair; r++) {
                convRow(planes, 2 * py + r, rows[r]);
            }
            for (int px = 0; px < ow; px++) {
                int x0 = 2 * px;
                boolean two = x0 + 1 < convWidth;
                float[] o = dst[py * ow + px];
                for (int co = 0; co < cout; co++) {
                    float m = rows[0][co][x0];
                    if (two) {
                        m = Math.max(m, rows[0][co][x0 + 1]);
                    }
                    if (pair == 2) {
                        m = Math.max(m, rows[1][co][x0]);
                        if (two) {
                            m = Math.max(m, rows[1][co][x0 + 1]);
                        }
                    }
                    o[co] = m;
                }
            }
        }
    }

    /** One convolution output row, planar per output channel. */
    private void convRow(float[][] planes, int y, float[][] acc) {
        int k = weights.kernel();
        int cin = weights.inChannels();
        int cout = weights.outChannels();
        int n = convWidth;
        for (int ky = 0; ky < k; ky++) {
            for (int kx = 0; kx < k; kx++) {
                for (int ci = 0; ci < cin; ci++) {
                    System.arraycopy(planes[ci], (y + ky) * inWidth + kx, patch[(ky * k + kx) * cin + ci], 0, n);
                }
            }
        }
        float[][] filt = weights.filters();
        float[] bias = weights.bias();
        // four output channels per pass: each patch row is loaded once per four accumulators
        int co = 0;
        for (; co + 4 <= cout; co += 4) {
            float[] a0 = acc[co];
            float[] a1 = acc[co + 1];
            float[] a2 = acc[co + 2];
            float[] a3 = acc[co + 3];
            Arrays.fill(a0, bias[co]);
            Arrays.fill(a1, bias[co + 1]);
            Arrays.fill(a2, bias[co + 2]);
            Arrays.fill(a3, bias[co + 3]);
            for (int t = 0; t < patch.length; t++) {
                float[] p = patch[t];
                float[] wr = filt[t];
                float w0 = wr[co];
                float w1 = wr[co + 1];
                float w2 = wr[co + 2];
                float w3 = wr[co + 3];
                for (int x = 0; x < n; x++) {
                    float v = p[x];
                    a0[x] += w0 * v;
                    a1[x] += w1 * v;
                    a2[x] += w2 * v;
                    a3[x] += w3 * v;
                }
            }
        }
        for (; co < cout; co++) {
            float[] a = acc[co];
            Arrays.fill(a, bias[co]);
            for (int t = 0; t < patch.length; t++) {
                float[] p = patch[t];
                float wv = filt[t][co];
                for (int x = 0; x < n; x++) {
                    a[x] += wv * p[x];
                }
            }
        }
    }
}
