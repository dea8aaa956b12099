package io.inverseface.render;

import java.util.stream.IntStream;

/**
 * Tiled, multi-threaded z-buffer rasterizer producing a {@link VisibilityBuffer}.
 *
 * <p>Exactness: projected vertices are snapped to fixed point with {@value #SUBPIXEL_BITS} bits of
 * sub-pixel precision and edge functions are evaluated in {@code long} arithmetic at pixel centres
 * {@code (i + 0.5, j + 0.5)}. A pixel whose centre lies exactly on an edge belongs to the triangle only if
 * that edge is a top or left edge (top-left fill rule), so pixels on an edge shared by two triangles are
 * covered exactly once and meshes are watertight. Triangles with a vertex farther than
 * {@value #GUARD_BAND_PIXELS} pixels from the origin (the fixed-point guard band), non-finite vertices, or
 * a vertex nearer than {@link Camera#nearDepth()} are dropped; everything else is clipped to the image by
 * clamping its bounding box.
 *
 * <p>Orientation: triangles counter-clockwise seen from the viewer are front faces; back faces are culled
 * unless disabled. Barycentrics are perspective-correct when {@link Camera#perspective()} is true.
 *
 * <p>Work is split into square tiles (default 32×32); triangles are binned by bounding box and tiles are
 * rasterized in parallel on the common fork-join pool. Within a tile triangles are visited in index order
 * and the depth test is strict, so equal-depth ties go to the lower triangle id and the output is
 * deterministic. An instance keeps its work buffers per thread, so one rasterizer may be shared by many threads.
 */
public final class Rasterizer {
    /** Bits of sub-pixel precision of snapped vertex coordinates. */
    public static final int SUBPIXEL_BITS = 8;
    /** Vertices beyond this many pixels from the origin drop their triangle (keeps edge products in a long). */
    public static final int GUARD_BAND_PIXELS = 1 << 21;

    private static final long ONE = 1L << SUBPIXEL_BITS;
    private static final long HALF = ONE >> 1;

    private final boolean cullBackFaces;
    private final int tileSize;
    private final boolean parallel;

    /**
     * Per-thread work buffers, grown on demand: one rasterizer is shared by the threads of a batch (and
     * by a reconstructor's stages), so calls must not share scratch space.
     */
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        float[] screen = new float[0];
        long[] vx = new long[0], vy = new long[0];
        float[] vz = new float[0];
        long[] area = new long[0];
        int[] bbox = new int[0];
        boolean[] swapped = new boolean[0], valid = new boolean[0];
        int[] tileStart = new int[0], tileFill = new int[0], tileTriangles = new int[0];
    }

    private Rasterizer(Builder b) {
        this.cullBackFaces = b.cullBackFaces;
        this.tileSize = b.tileSize;
        this.parallel = b.parallel;
    }

    /** A rasterizer with default settings (back faces culled, 32-pixel tiles, parallel). */
    public static Rasterizer create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Configuration of a {@link Rasterizer}. */
    public static final class Builder {
        private boolean cullBackFaces = true;
        private int tileSize = 32;
        private boolean parallel = true;

        private Builder() { }

        /** Whether to drop triangles seen from behind (default true). */
        public Builder cullBackFaces(boolean cull) {
            this.cullBackFaces = cull;
            return this;
        }

        /** Tile edge length in pixels (default 32). */
        public Builder tileSize(int pixels) {
            if (pixels < 4 || pixels > 4096) {
                throw new IllegalArgumentException("tile size must be in [4, 4096], got " + pixels);
            }
            this.tileSize = pixels;
            return this;
        }

        /** Whether to rasterize tiles in parallel (default true). */
        public Builder parallel(boolean parallel) {
            this.parallel = parallel;
            return this;
        }

        public Rasterizer build() {
            return new Rasterizer(this);
        }
    }

    public boolean cullsBackFaces() {
        return cullBackFaces;
    }

    /** Projects the mesh with the camera and rasterizes it into {@code out} (cleared first). */
    public void rasterize(Mesh mesh, Camera camera, VisibilityBuffer out) {
        if (out.width() != camera.width() || out.height() != camera.height()) {
            throw new IllegalArgumentException("buffer " + out.width() + "x" + out.height()
                    + " does not match camera image " + camera.width() + "x" + camera.height());
        }
        float[] pos = mesh.positions();
        Scratch sc = scratch.get();
        if (sc.screen.length < pos.length) {
            sc.screen = new float[pos.length];
        }
        camera.projectAll(pos, sc.screen);
        rasterize(sc.screen, mesh.triangles(), camera.perspective(), camera.nearDepth(), out);
    }

    /**
     * Rasterizes already projected vertices ({@code screenXyz}: pixel x, pixel y, depth per vertex) into
     * {@code out} (cleared first). With {@code perspective}, depth must be the positive view distance and
     * barycentrics are perspective-corrected; triangles with a vertex depth below {@code nearDepth} are dropped.
     */
    public void rasterize(float[] screenXyz, int[] triangles, boolean perspective, double nearDepth, VisibilityBuffer out) {
        if (triangles.length % 3 != 0) {
            throw new IllegalArgumentException("triangles length " + triangles.length + " is not a multiple of 3");
        }
        out.clear();
        Scratch sc = scratch.get();
        int t = triangles.length / 3;
        ensureTriangleCapacity(sc, t);
        int w = out.width(), h = out.height();
        int tilesX = (w + tileSize - 1) / tileSize, tilesY = (h + tileSize - 1) / tileSize;
        int tiles = tilesX * tilesY;
        if (sc.tileStart.length < tiles + 1) {
            sc.tileStart = new int[tiles + 1];
            sc.tileFill = new int[tiles];
        }
        java.util.Arrays.fill(sc.tileStart, 0, tiles + 1, 0);
        for (int i = 0; i < t; i++) {
            sc.valid[i] = setup(sc, i, screenXyz, triangles, perspective, nearDepth, w, h);
            if (sc.valid[i]) {
                int b = 4 * i;
                for (int ty = sc.bbox[b + 1] / tileSize; ty <= sc.bbox[b + 3] / tileSize; ty++) {
                    for (int tx = sc.bbox[b] / tileSize; tx <= sc.bbox[b + 2] / tileSize; tx++) {
                        sc.tileStart[ty * tilesX + tx + 1]++;
                    }
                }
            }
        }
        for (int i = 0; i < tiles; i++) {
            sc.tileStart[i + 1] += sc.tileStart[i];
            sc.tileFill[i] = sc.tileStart[i];
        }
        if (sc.tileTriangles.length < sc.tileStart[tiles]) {
            sc.tileTriangles = new int[sc.tileStart[tiles]];
        }
        for (int i = 0; i < t; i++) {
            if (sc.valid[i]) {
                int b = 4 * i;
                for (int ty = sc.bbox[b + 1] / tileSize; ty <= sc.bbox[b + 3] / tileSize; ty++) {
                    for (int tx = sc.bbox[b] / tileSize; tx <= sc.bbox[b + 2] / tileSize; tx++) {
                        sc.tileTriangles[sc.tileFill[ty * tilesX + tx]++] = i;
                    }
                }
            }
        }
        if (parallel && tiles > 1) {
            IntStream.range(0, tiles).parallel().forEach(tile -> rasterizeTile(sc, tile, tilesX, perspective, out));
        } else {
            for (int tile = 0; tile < tiles; tile++) {
                rasterizeTile(sc, tile, tilesX, perspective, out);
            }
        }
    }

    private static void ensureTriangleCapacity(Scratch sc, int t) {
        if (sc.valid.length < t) {
            sc.vx = new long[3 * t];
            sc.vy = new long[3 * t];
            sc.vz = new float[3 * t];
            sc.area = new long[t];
            sc.bbox = new int[4 * t];
            sc.swapped = new boolean[t];
            sc.valid = new boolean[t];
        }
    }

    /** Snaps, orients and bounds triangle i; false when it is culled, dropped or off-screen. */
    private boolean setup(Scratch sc, int i, float[] s, int[] tri, boolean perspective, double near, int w, int h) {
        int a = 3 * tri[3 * i], b = 3 * tri[3 * i + 1], c = 3 * tri[3 * i + 2];
        if (a < 0 || b < 0 || c < 0 || a + 2 >= s.length || b + 2 >= s.length || c + 2 >= s.length) {
            throw new IllegalArgumentException("triangle " + i + " references a vertex outside the "
                    + s.length / 3 + " projected vertices");
        }
        float za = s[a + 2], zb = s[b + 2], zc = s[c + 2];
        if (!(za >= near && zb >= near && zc >= near)) {
            return false; // behind the near plane, or NaN
        }
        if (perspective && !(za > 0 && zb > 0 && zc > 0)) {
            return false;
        }
        if (!inGuardBand(s[a]) || !inGuardBand(s[a + 1]) || !inGuardBand(s[b]) || !inGuardBand(s[b + 1])
                || !inGuardBand(s[c]) || !inGuardBand(s[c + 1])) {
            return false;
        }
        long ax = snap(s[a]), ay = snap(s[a + 1]);
        long bx = snap(s[b]), by = snap(s[b + 1]);
        long cx = snap(s[c]), cy = snap(s[c + 1]);
        // Signed doubled area in pixel space (y down): negative for triangles counter-clockwise seen by the viewer.
        long ar = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
        if (ar == 0 || (ar > 0 && cullBackFaces)) {
            return false;
        }
        boolean swap = ar < 0;
        if (swap) { // reorder to A, C, B so that the area is positive
            long tx = bx, ty = by;
            bx = cx; by = cy; cx = tx; cy = ty;
            float tz = zb; zb = zc; zc = tz;
            ar = -ar;
        }
        long minX = Math.min(ax, Math.min(bx, cx)), maxX = Math.max(ax, Math.max(bx, cx));
        long minY = Math.min(ay, Math.min(by, cy)), maxY = Math.max(ay, Math.max(by, cy));
        // Pixels whose centres i·ONE + HALF lie within [min, max].
        long px0 = Math.max(0, -Math.floorDiv(-(minX - HALF), ONE));
        long px1 = Math.min(w - 1, Math.floorDiv(maxX - HALF, ONE));
        long py0 = Math.max(0, -Math.floorDiv(-(minY - HALF), ONE));
        long py1 = Math.min(h - 1, Math.floorDiv(maxY - HALF, ONE));
        if (px0 > px1 || py0 > py1) {
            return false;
        }
        int v = 3 * i;
        sc.vx[v] = ax; sc.vx[v + 1] = bx; sc.vx[v + 2] = cx;
        sc.vy[v] = ay; sc.vy[v + 1] = by; sc.vy[v + 2] = cy;
        sc.vz[v] = za; sc.vz[v + 1] = zb; sc.vz[v + 2] = zc;
        sc.area[i] = ar;
        sc.swapped[i] = swap;
        int q = 4 * i;
        sc.bbox[q] = (int) px0; sc.bbox[q + 1] = (int) py0; sc.bbox[q + 2] = (int) px1; sc.bbox[q + 3] = (int) py1;
        return true;
    }

    private static boolean inGuardBand(float v) {
        return v > -GUARD_BAND_PIXELS && v < GUARD_BAND_PIXELS; // false for NaN
    }

    private static long snap(float v) {
        return Math.round(v * (double) ONE);
    }

    /** Top-left rule: edge U→V (positive-area orientation, y down) owns its centre-on-edge pixels if top or left. */
    private static long bias(long ux, long uy, long vx, long vy) {
        long dx = vx - ux, dy = vy - uy;
        return (dy < 0 || (dy == 0 && dx > 0)) ? 0 : -1;
    }

    private void rasterizeTile(Scratch sc, int tile, int tilesX, boolean perspective, VisibilityBuffer out) {
        int w = out.width(), h = out.height();
        int tx0 = (tile % tilesX) * tileSize, ty0 = (tile / tilesX) * tileSize;
        int tx1 = Math.min(w - 1, tx0 + tileSize - 1), ty1 = Math.min(h - 1, ty0 + tileSize - 1);
        int[] ids = out.triangleId();
        float[] b0 = out.bary0(), b1 = out.bary1(), depth = out.depth();
        for (int k = sc.tileStart[tile]; k < sc.tileStart[tile + 1]; k++) {
            int i = sc.tileTriangles[k];
            int q = 4 * i;
            int x0 = Math.max(tx0, sc.bbox[q]), x1 = Math.min(tx1, sc.bbox[q + 2]);
            int y0 = Math.max(ty0, sc.bbox[q + 1]), y1 = Math.min(ty1, sc.bbox[q + 3]);
            if (x0 > x1 || y0 > y1) {
                continue;
            }
            int v = 3 * i;
            long ax = sc.vx[v], bx = sc.vx[v + 1], cx = sc.vx[v + 2];
            long ay = sc.vy[v], by = sc.vy[v + 1], cy = sc.vy[v + 2];
            // Edge functions e(U,V,P) = (V.x−U.x)(P.y−U.y) − (V.y−U.y)(P.x−U.x); w0 weights A (edge B→C), etc.
            long bias0 = bias(bx, by, cx, cy), bias1 = bias(cx, cy, ax, ay), bias2 = bias(ax, ay, bx, by);
            long stepX0 = -(cy - by) * ONE, stepX1 = -(ay - cy) * ONE, stepX2 = -(by - ay) * ONE;
            long stepY0 = (cx - bx) * ONE, stepY1 = (ax - cx) * ONE, stepY2 = (bx - ax) * ONE;
            long px = x0 * ONE + HALF, py = y0 * ONE + HALF;
            long row0 = (cx - bx) * (py - by) - (cy - by) * (px - bx);
            long row1 = (ax - cx) * (py - cy) - (ay - cy) * (px - cx);
            long row2 = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
            double invArea = 1.0 / sc.area[i];
            float za = sc.vz[v], zb = sc.vz[v + 1], zc = sc.vz[v + 2];
            double iza = 1.0 / za, izb = 1.0 / zb, izc = 1.0 / zc;
            boolean swap = sc.swapped[i];
            for (int y = y0; y <= y1; y++) {
                long w0 = row0, w1 = row1, w2 = row2;
                int idx = y * w + x0;
                for (int x = x0; x <= x1; x++, idx++, w0 += stepX0, w1 += stepX1, w2 += stepX2) {
                    if (((w0 + bias0) | (w1 + bias1) | (w2 + bias2)) < 0) {
                        continue;
                    }
                    double la = w0 * invArea, lb = w1 * invArea, lc = w2 * invArea;
                    double z;
                    if (perspective) {
                        // Perspective-correct: weights ∝ λ_k / z_k, depth = 1 / Σ λ_k / z_k.
                        double pa = la * iza, pb = lb * izb, pc = lc * izc;
                        double inv = pa + pb + pc;
                        z = 1.0 / inv;
                        la = pa * z; lb = pb * z; lc = pc * z;
                    } else {
                        z = la * za + lb * zb + lc * zc;
                    }
                    if (z < depth[idx]) {
                        depth[idx] = (float) z;
                        ids[idx] = i;
                        b0[idx] = (float) la;
                        // Original vertex order is (A, C, B) when swapped.
                        b1[idx] = (float) (swap ? lc : lb);
                    }
                }
                row0 += stepY0; row1 += stepY1; row2 += stepY2;
            }
        }
    }
}
