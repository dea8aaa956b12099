package io.inverseface.core.output;

/**
 * Per-vertex attributes painted into a square texture in UV space: every triangle is rasterised by its
 * corner UVs and each texel whose centre it covers gets the barycentric blend of the corner values.
 * Texel {@code (x, y)} has its centre at {@code u = (x + 0.5) / size, v = 1 − (y + 0.5) / size}: image
 * rows run downwards while v runs upwards (the OBJ convention of the model's UVs).
 *
 * <p>Data are planar: {@code width} planes of {@code size²} floats, so channel c of texel i is
 * {@code data[c·size² + i]}.
 */
final class UvRaster {

    private UvRaster() {
    }

    /**
     * Paints the triangles over what {@code data} already holds and marks the painted texels.
     *
     * @param uv          u, v per UV index
     * @param uvTriangles UV index of each triangle corner
     * @param values      {@code width} values per value index
     * @param valueTris   value index of each triangle corner (parallel to {@code uvTriangles})
     */
    static void paint(float[] uv, int[] uvTriangles, float[] values, int[] valueTris, int width, int size,
                      float[] data, boolean[] covered) {
        int plane = size * size;
        for (int c = 0; c + 2 < uvTriangles.length; c += 3) {
            int ua = 2 * uvTriangles[c], ub = 2 * uvTriangles[c + 1], uc = 2 * uvTriangles[c + 2];
            // Texel space: x = u·size − 0.5, y = (1 − v)·size − 0.5 puts texel centres on integers.
            double ax = uv[ua] * size - 0.5, ay = (1 - uv[ua + 1]) * size - 0.5;
            double bx = uv[ub] * size - 0.5, by = (1 - uv[ub + 1]) * size - 0.5;
            double cx = uv[uc] * size - 0.5, cy = (1 - uv[uc + 1]) * size - 0.5;
            double area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
            if (!(Math.abs(area) > 1e-12)) {
                continue; // degenerate in UV space: covers no texel centre
            }
            int x0 = Math.max(0, (int) Math.ceil(Math.min(ax, Math.min(bx, cx)) - 1e-9));
            int x1 = Math.min(size - 1, (int) Math.floor(Math.max(ax, Math.max(bx, cx)) + 1e-9));
            int y0 = Math.max(0, (int) Math.ceil(Math.min(ay, Math.min(by, cy)) - 1e-9));
            int y1 = Math.min(size - 1, (int) Math.floor(Math.max(ay, Math.max(by, cy)) + 1e-9));
            int va = width * valueTris[c], vb = width * valueTris[c + 1], vc = width * valueTris[c + 2];
            double inv = 1.0 / area, eps = 1e-7;
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    double wa = ((bx - x) * (cy - y) - (by - y) * (cx - x)) * inv;
                    double wb = ((cx - x) * (ay - y) - (cy - y) * (ax - x)) * inv;
                    double wc = 1 - wa - wb;
                    if (wa < -eps || wb < -eps || wc < -eps) {
                        continue;
                    }
                    int t = y * size + x;
                    for (int k = 0; k < width; k++) {
                        data[k * plane + t] = (float) (wa * values[va + k] + wb * values[vb + k] + wc * values[vc + k]);
                    }
                    covered[t] = true;
                }
            }
        }
    }

    /**
     * Grows the painted area by {@code steps} texels: each empty texel next to painted ones (8-neighbourhood)
     * takes their mean. Bilinear and mip-mapped lookups near a UV border then read face colour, not the
     * background, so seams do not bleed.
     */
    static void dilate(float[] data, int width, boolean[] covered, int size, int steps) {
        int plane = size * size;
        boolean[] next = covered.clone();
        double[] sum = new double[width];
        for (int s = 0; s < steps; s++) {
            boolean grew = false;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int t = y * size + x;
                    if (covered[t]) {
                        continue;
                    }
                    int n = 0;
                    java.util.Arrays.fill(sum, 0);
                    for (int dy = -1; dy <= 1; dy++) {
                        int yy = y + dy;
                        if (yy < 0 || yy >= size) {
                            continue;
                        }
                        for (int dx = -1; dx <= 1; dx++) {
                            int xx = x + dx;
                            if (xx < 0 || xx >= size || !covered[yy * size + xx]) {
                                continue;
                            }
                            n++;
                            for (int k = 0; k < width; k++) {
                                sum[k] += data[k * plane + yy * size + xx];
                            }
                        }
                    }
                    if (n > 0) {
                        for (int k = 0; k < width; k++) {
                            data[k * plane + t] = (float) (sum[k] / n);
                        }
                        next[t] = true;
                        grew = true;
                    }
                }
            }
            System.arraycopy(next, 0, covered, 0, plane);
            if (!grew) {
                break;
            }
        }
    }
}
