/*
 * Landmark reprojection residuals and Jacobian rows (LandmarkTerm), one work item per landmark,
 * written into the solver's device-resident arrays (rows from row0, leading dimension ld, blocks at
 * their column offsets, negative = constant). Common subset of OpenCL C and CUDA C; the device
 * prepends the KernelDialect prelude and LandmarkDeviceEvaluator the pose layout defines.
 *
 * params: R (9), dR/dpitch, dR/dyaw, dR/droll (9 each), scale, tx, ty at 36..38, then from FRAME_SIZE
 * the identity and expression coefficients. A landmark with a non-zero normal n is point-to-curve:
 * its rows (x, y) become (n.x*x + n.y*y, 0).
 */
#define FRAME_SIZE 48

KERNEL void landmarks(const int count, const int kId, const int kExp, const int wantJ, const float scale,
                      const int row0, const int ld, const int colPose, const int colId, const int colExp,
                      GLOBAL const int* vertices, GLOBAL const float* targets, GLOBAL const float* pointWeights,
                      GLOBAL const float* normals, GLOBAL const float* meanShape, GLOBAL const float* shape,
                      GLOBAL const float* params, GLOBAL float* res, GLOBAL float* jac) {
    int i = (int) GLOBAL_ID(0);
    if (i >= count) {
        return;
    }
    GLOBAL const float* fr = params;
    int kShape = kId + kExp;
    int v = vertices[i];
    int base = v * kShape * 3;
    float p[3];
    model_position(v, kShape, meanShape, shape, params + FRAME_SIZE, p);
    float px = p[0], py = p[1], pz = p[2];
    float s = fr[36], tx = fr[37], ty = fr[38];
    float rx = fr[0] * px + fr[1] * py + fr[2] * pz;
    float ry = fr[3] * px + fr[4] * py + fr[5] * pz;
    float w = scale * pointWeights[i];
    float ex = w * (tx + s * rx - targets[2 * i]);
    float ey = w * (ty - s * ry - targets[2 * i + 1]);
    float nx = normals[2 * i], ny = normals[2 * i + 1];
    int curve = nx != 0.0f || ny != 0.0f;
    int rowX = row0 + 2 * i;
    res[rowX] = curve ? nx * ex + ny * ey : ex;
    res[rowX + 1] = curve ? 0.0f : ey;
    if (!wantJ) {
        return;
    }
    GLOBAL float* jx = jac + rowX * ld;
    GLOBAL float* jy = jx + ld;
    if (colPose >= 0) {
        float dx[6], dy[6];
        for (int a = 0; a < 3; a++) {
            GLOBAL const float* d = fr + 9 + 9 * a;
            dx[a] = w * s * (d[0] * px + d[1] * py + d[2] * pz);
            dy[a] = -w * s * (d[3] * px + d[4] * py + d[5] * pz);
        }
        dx[POSE_TX] = w;
        dy[POSE_TX] = 0.0f;
        dx[POSE_TY] = 0.0f;
        dy[POSE_TY] = w;
        dx[POSE_SCALE] = w * rx;
        dy[POSE_SCALE] = -w * ry;
        for (int a = 0; a < 6; a++) {
            jx[colPose + a] = curve ? nx * dx[a] + ny * dy[a] : dx[a];
            jy[colPose + a] = curve ? 0.0f : dy[a];
        }
    }
    /* du/dc_k = w*s*R0.m_k(v), dv/dc_k = -w*s*R1.m_k(v). */
    float ax = w * s * fr[0], ay = w * s * fr[1], az = w * s * fr[2];
    float bx = -w * s * fr[3], by = -w * s * fr[4], bz = -w * s * fr[5];
    for (int k = 0; k < kShape; k++) {
        int col = k < kId ? (colId >= 0 ? colId + k : -1) : (colExp >= 0 ? colExp + k - kId : -1);
        if (col < 0) {
            continue;
        }
        int q = base + 3 * k;
        float gx = ax * shape[q] + ay * shape[q + 1] + az * shape[q + 2];
        float gy = bx * shape[q] + by * shape[q + 1] + bz * shape[q + 2];
        jx[col] = curve ? nx * gx + ny * gy : gx;
        jy[col] = curve ? 0.0f : gy;
    }
}
