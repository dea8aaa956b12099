package io.inverseface.core.landmarks.graph;

/** NHWC max and average pooling; {@code SAME} padding never contributes (as in TensorFlow). */
final class Pooling {

    private Pooling() {
    }

    static Tensor pool(Tensor x, int kh, int kw, int sy, int sx, String padding, boolean max, String nodeName) {
        Convolution.requireRank(x, 4, nodeName, "input");
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
        Window wy = Window.of(h, kh, sy, padding, nodeName);
        Window wx = Window.of(w, kw, sx, padding, nodeName);
        int oh = wy.out(), ow = wx.out();
        float[] in = x.data();
        float[] out = new float[n * oh * ow * c];
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                int y0 = Math.max(oy * sy - wy.padLow(), 0);
                int y1 = Math.min(oy * sy - wy.padLow() + kh, h);
                for (int ox = 0; ox < ow; ox++) {
                    int x0 = Math.max(ox * sx - wx.padLow(), 0);
                    int x1 = Math.min(ox * sx - wx.padLow() + kw, w);
                    int o = ((b * oh + oy) * ow + ox) * c;
                    java.util.Arrays.fill(out, o, o + c, max ? Float.NEGATIVE_INFINITY : 0f);
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = x0; ix < x1; ix++) {
                            int ip = ((b * h + iy) * w + ix) * c;
                            for (int ci = 0; ci < c; ci++) {
                                out[o + ci] = max ? Math.max(out[o + ci], in[ip + ci]) : out[o + ci] + in[ip + ci];
                            }
                        }
                    }
                    if (!max) {
                        float count = (y1 - y0) * (x1 - x0);
                        for (int ci = 0; ci < c; ci++) {
                            out[o + ci] /= count;
                        }
                    }
                }
            }
        }
        return new Tensor(new int[] {n, oh, ow, c}, out);
    }
}
