/*
 * Visible vertices of a mesh on the device (DeviceVisibility.java; core's VisibleSamples applies the same
 * rules on the host): the whole mesh (vertex positions already on the device) is rasterised
 * into a depth buffer with the CPU Rasterizer's conventions (8-bit sub-pixel snapping, pixel centres at
 * +0.5, top-left fill rule, back faces culled, depth interpolated linearly), one work item per triangle
 * taking the minimum depth with an atomic on an order-preserving unsigned encoding of the float; then
 * one work item per candidate vertex keeps it when it projects inside the image (one pixel margin),
 * lies within `tolerance` of the depth buffer and its view-space normal has z >= minFacing.
 * Common subset of OpenCL C and CUDA C (KernelDialect prelude prepended by the device).
 *
 * frame: R (9, row-major), s, tx, ty of the weak-perspective camera (in pixels of the image rasterised).
 */
#define SUB_ONE 256
#define SUB_HALF 128
#define GUARD 2097152.0f
#define DEPTH_EMPTY 0xFFFFFFFFu

/* Area-weighted unit vertex normals (Mesh.vertexNormals) from the vertex's incident triangles. */
KERNEL void vertex_normals(const int nv, GLOBAL const int* vtStart, GLOBAL const int* vtTriangles,
                           GLOBAL const int* triangles, GLOBAL const float* pos, GLOBAL float* nrm) {
    int v = (int) GLOBAL_ID(0);
    if (v >= nv) {
        return;
    }
    float nx = 0.0f, ny = 0.0f, nz = 0.0f;
    for (int q = vtStart[v]; q < vtStart[v + 1]; q++) {
        int t = vtTriangles[q];
        int a = 3 * triangles[3 * t], b = 3 * triangles[3 * t + 1], c = 3 * triangles[3 * t + 2];
        float e1x = pos[b] - pos[a], e1y = pos[b + 1] - pos[a + 1], e1z = pos[b + 2] - pos[a + 2];
        float e2x = pos[c] - pos[a], e2y = pos[c + 1] - pos[a + 1], e2z = pos[c + 2] - pos[a + 2];
        nx += e1y * e2z - e1z * e2y;
        ny += e1z * e2x - e1x * e2z;
        nz += e1x * e2y - e1y * e2x;
    }
    float len = SQRT(nx * nx + ny * ny + nz * nz);
    if (len > 0.0f) {
        nx /= len;
        ny /= len;
        nz /= len;
    }
    nrm[3 * v] = nx;
    nrm[3 * v + 1] = ny;
    nrm[3 * v + 2] = nz;
}

/* Screen position (x right, y down, depth) of every vertex under the weak-perspective frame. */
KERNEL void project(const int nv, GLOBAL const float* pos, GLOBAL const float* frame, GLOBAL float* screen) {
    int v = (int) GLOBAL_ID(0);
    if (v >= nv) {
        return;
    }
    float x = pos[3 * v], y = pos[3 * v + 1], z = pos[3 * v + 2];
    float s = frame[9];
    screen[3 * v] = frame[10] + s * (frame[0] * x + frame[1] * y + frame[2] * z);
    screen[3 * v + 1] = frame[11] - s * (frame[3] * x + frame[4] * y + frame[5] * z);
    screen[3 * v + 2] = -(s * (frame[6] * x + frame[7] * y + frame[8] * z));
}

KERNEL void clear_depth(const int count, GLOBAL unsigned int* depth) {
    int i = (int) GLOBAL_ID(0);
    if (i < count) {
        depth[i] = DEPTH_EMPTY;
    }
}

/* Order-preserving float -> unsigned int: smaller depth, smaller key. */
DEVICE_FN unsigned int depth_key(float z) {
    unsigned int bits = FLOAT_BITS(z);
    return (bits & 0x80000000u) ? ~bits : (bits | 0x80000000u);
}

DEVICE_FN long floor_div(long a, long b) {
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

DEVICE_FN long snap(float v) {
    return (long) FLOOR(v * (float) SUB_ONE + 0.5f);
}

KERNEL void raster_depth(const int nt, const int width, const int height, GLOBAL const int* triangles,
                         GLOBAL const float* screen, GLOBAL unsigned int* depth) {
    int t = (int) GLOBAL_ID(0);
    if (t >= nt) {
        return;
    }
    int a = 3 * triangles[3 * t], b = 3 * triangles[3 * t + 1], c = 3 * triangles[3 * t + 2];
    float fax = screen[a], fay = screen[a + 1], fbx = screen[b], fby = screen[b + 1];
    float fcx = screen[c], fcy = screen[c + 1];
    if (!(fax > -GUARD && fax < GUARD && fay > -GUARD && fay < GUARD && fbx > -GUARD && fbx < GUARD
          && fby > -GUARD && fby < GUARD && fcx > -GUARD && fcx < GUARD && fcy > -GUARD && fcy < GUARD)) {
        return;
    }
    float za = screen[a + 2], zb = screen[b + 2], zc = screen[c + 2];
    long ax = snap(fax), ay = snap(fay), bx = snap(fbx), by = snap(fby), cx = snap(fcx), cy = snap(fcy);
    long ar = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    if (ar >= 0) {
        return; /* degenerate, or a back face (culled as on the CPU) */
    }
    /* Reorder to A, C, B so that the area is positive. */
    long tx = bx, ty = by;
    bx = cx; by = cy; cx = tx; cy = ty;
    float tz = zb; zb = zc; zc = tz;
    ar = -ar;
    long minX = ax < bx ? (ax < cx ? ax : cx) : (bx < cx ? bx : cx);
    long maxX = ax > bx ? (ax > cx ? ax : cx) : (bx > cx ? bx : cx);
    long minY = ay < by ? (ay < cy ? ay : cy) : (by < cy ? by : cy);
    long maxY = ay > by ? (ay > cy ? ay : cy) : (by > cy ? by : cy);
    long px0 = -floor_div(-(minX - SUB_HALF), SUB_ONE), px1 = floor_div(maxX - SUB_HALF, SUB_ONE);
    long py0 = -floor_div(-(minY - SUB_HALF), SUB_ONE), py1 = floor_div(maxY - SUB_HALF, SUB_ONE);
    px0 = px0 > 0 ? px0 : 0;
    py0 = py0 > 0 ? py0 : 0;
    px1 = px1 < width - 1 ? px1 : width - 1;
    py1 = py1 < height - 1 ? py1 : height - 1;
    if (px0 > px1 || py0 > py1) {
        return;
    }
    /* Top-left rule: edge U->V owns its centre-on-edge pixels if top (dy < 0) or left (dy == 0, dx > 0). */
    long bias0 = ((cy - by) < 0 || ((cy - by) == 0 && (cx - bx) > 0)) ? 0 : -1;
    long bias1 = ((ay - cy) < 0 || ((ay - cy) == 0 && (ax - cx) > 0)) ? 0 : -1;
    long bias2 = ((by - ay) < 0 || ((by - ay) == 0 && (bx - ax) > 0)) ? 0 : -1;
    float invArea = 1.0f / (float) ar;
    for (long y = py0; y <= py1; y++) {
        long py = y * SUB_ONE + SUB_HALF;
        for (long x = px0; x <= px1; x++) {
            long px = x * SUB_ONE + SUB_HALF;
            long w0 = (cx - bx) * (py - by) - (cy - by) * (px - bx);
            long w1 = (ax - cx) * (py - cy) - (ay - cy) * (px - cx);
            long w2 = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
            if (((w0 + bias0) | (w1 + bias1) | (w2 + bias2)) < 0) {
                continue;
            }
            float z = (float) w0 * invArea * za + (float) w1 * invArea * zb + (float) w2 * invArea * zc;
            ATOMIC_MIN_U32(depth + (y * width + x), depth_key(z));
        }
    }
}

/* flags[i] = 1 when candidate vertex region[i] is visible and faces the camera. */
KERNEL void select_visible(const int count, GLOBAL const int* region, const int width, const int height,
                           const float tolerance, const float minFacing, GLOBAL const float* screen,
                           GLOBAL const float* nrm,
                           GLOBAL const float* frame, GLOBAL const unsigned int* depth, GLOBAL int* flags) {
    int i = (int) GLOBAL_ID(0);
    if (i >= count) {
        return;
    }
    int v = region[i];
    int ok = 0;
    int x = (int) FLOOR(screen[3 * v]), y = (int) FLOOR(screen[3 * v + 1]);
    if (x >= 1 && y >= 1 && x < width - 1 && y < height - 1) {
        unsigned int key = depth[y * width + x];
        if (key != DEPTH_EMPTY) {
            unsigned int bits = (key & 0x80000000u) ? (key & 0x7FFFFFFFu) : ~key;
            float zbuf = BITS_FLOAT(bits);
            float nzv = frame[6] * nrm[3 * v] + frame[7] * nrm[3 * v + 1] + frame[8] * nrm[3 * v + 2];
            ok = screen[3 * v + 2] <= zbuf + tolerance && nzv >= minFacing;
        }
    }
    flags[i] = ok;
}
