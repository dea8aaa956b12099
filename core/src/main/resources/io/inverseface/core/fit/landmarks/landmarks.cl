/*
 * Landmark reprojection residuals and Jacobian rows (LandmarkTerm), one work item per landmark,
 * written into the solver's device-resident arrays (rows from row0, leading dimension ld, blocks at
 * their column offsets, negative = constant). Common subset of OpenCL C and CUDA C; the device
 * prepends the KernelDialect prelude and LandmarkDeviceEvaluator the pose layout defines.
 *
 * params: R (9), dR/dpitch, dR/dyaw, dR/droll (9 each), scale, tx, ty at 36..38, the projection's
 * 1/f, cx, cy at 45..47 (u = cx + k*a, v = cy + k*b, k = 1/(1 - s*q_z/f); Projection.java), then from FRAME_SIZE
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
    float s = fr[36], tx = fr[37], ty = fr[38], invF = fr[45], cx = fr[46], cy = fr[47];
    float rx = fr[0] * px + fr[1] * py + fr[2] * pz;
    float ry = fr[3] * px + fr[4] * py + fr[5] * pz;
    float rz = fr[6] * px + fr[7] * py + fr[8] * pz;
    float pa = tx + s * rx - cx, pb = ty - s * ry - cy;
    float kk = 1.0f / (1.0f - s * rz * invF), g = kk * kk * invF;
    float w = scale * pointWeights[i];
    float ex = w * (cx + kk * pa - targets[2 * i]);
    float ey = w * (cy + kk * pb - targets[2 * i + 1]);
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
            float dz = s * (d[6] * px + d[7] * py + d[8] * pz);
            dx[a] = w * (kk * s * (d[0] * px + d[1] * py + d[2] * pz) + pa * g * dz);
            dy[a] = w * (-kk * s * (d[3] * px + d[4] * py + d[5] * pz) + pb * g * dz);
        }
        dx[POSE_TX] = w * kk;
        dy[POSE_TX] = 0.0f;
        dx[POSE_TY] = 0.0f;
        dy[POSE_TY] = w * kk;
        dx[POSE_SCALE] = w * (kk * rx + pa * g * rz);
        dy[POSE_SCALE] = w * (-kk * ry + pb * g * rz);
        for (int a = 0; a < 6; a++) {
            jx[colPose + a] = curve ? nx * dx[a] + ny * dy[a] : dx[a];
            jy[colPose + a] = curve ? 0.0f : dy[a];
        }
    }
    /* du/dc_k = w*s*(k*R0 + pa*g*R2).m_k(v), dv/dc_k = w*s*(-k*R1 + pb*g*R2).m_k(v). */
    float ax = w * s * (kk * fr[0] + pa * g * fr[6]), ay = w * s * (kk * fr[1] + pa * g * fr[7]), az = w * s * (kk * fr[2] + pa * g * fr[8]);
    float bx = w * s * (-kk * fr[3] + pb * g * fr[6]), by = w * s * (-kk * fr[4] + pb * g * fr[7]), bz = w * s * (-kk * fr[5] + pb * g * fr[8]);
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
