/*
 * Photo-consistency residuals and Jacobian rows, one work-item per sample (float), written straight
 * into the solver's device-resident residual vector and row-major Jacobian (rows from row0, leading
 * dimension ld, each block at its column offset, a negative offset meaning "constant: skip").
 * Written in the common subset of OpenCL C and CUDA C; the device prepends the KernelDialect prelude
 * (KERNEL, GLOBAL, GLOBAL_ID, SQRT) and PhotoConsistencyKernelSource defines MAX_RING and the pose layout.
 *
 * The model tables are the whole model's, resident on the device for every fit: shape modes
 * vertex-major (3*(kId+kExp) floats per vertex), mean shape, albedo modes (3*kAlb per vertex) and
 * mean albedo. needed[] maps the term's local vertex numbers to model vertices.
 *
 * params layout: frame [0, FRAME_SIZE): R (9, row-major), dR/dpitch, dR/dyaw, dR/droll (9 each),
 * scale, tx, ty, levelScale, SH constants c0, c1, c2, c20, c22, the projection's 1/f, cx, cy (full-resolution
 * pixels: u = cx + k*a, v = cy + k*b, k = 1/(1 - s*q_z/f); Projection.java); then identity (kId), expression
 * (kExp), albedo (kAlb) and lighting (27) coefficients.
 */
#define FRAME_SIZE 48
#define F_S 36
#define F_TX 37
#define F_TY 38
#define F_LS 39
#define F_SH 40
#define F_INVF 45
#define F_CX 46
#define F_CY 47

/* Positions of the needed vertices: pos[3l..3l+2] = mean + sum id_k*A_k + sum exp_k*B_k. */
KERNEL void positions(const int neededCount, const int kId, const int kExp, GLOBAL const int* needed,
                      GLOBAL const float* meanShape, GLOBAL const float* shape,
                      GLOBAL const float* params, GLOBAL float* pos) {
    int l = (int) GLOBAL_ID(0);
    if (l >= neededCount) {
        return;
    }
    float p[3];
    model_position(needed[l], kId + kExp, meanShape, shape, params + FRAME_SIZE, p);
    float x = p[0], y = p[1], z = p[2];
    pos[3 * l] = x;
    pos[3 * l + 1] = y;
    pos[3 * l + 2] = z;
}

KERNEL void photo_consistency(const int sampleCount, const int kId, const int kExp, const int kAlb,
                              const int width, const int height, const int wantJ, const float scale,
                              const int row0, const int ld, const int colPose, const int colId,
                              const int colExp, const int colAlb, const int colLight,
                              GLOBAL const int* needed, GLOBAL const int* sampleLocal,
                              GLOBAL const int* ringStart, GLOBAL const int* ringLocal,
                              GLOBAL const int* faceStart, GLOBAL const int* faceCorners,
                              GLOBAL const float* pos, GLOBAL const float* shape,
                              GLOBAL const float* albedoMean, GLOBAL const float* albedoModes,
                              GLOBAL const float* image, GLOBAL const float* sampleWeight,
                              GLOBAL const float* params, GLOBAL float* res, GLOBAL float* jac) {
    int i = (int) GLOBAL_ID(0);
    if (i >= sampleCount) {
        return;
    }
    int vs = needed[sampleLocal[i]];
    GLOBAL const float* fr = params;
    GLOBAL const float* alb = params + FRAME_SIZE + kId + kExp;
    GLOBAL const float* light = alb + kAlb;
    int kShape = kId + kExp;
    int rs = ringStart[i], ringSize = ringStart[i + 1] - rs;
    float edges[3 * MAX_RING];
    float wv[9 * MAX_RING];
    for (int e = 0; e < 3 * ringSize; e++) {
        edges[e] = 0.0f;
    }
    /* Unnormalised area-weighted normal N = sum (b-a)x(c-a) over incident faces. */
    float nx = 0.0f, ny = 0.0f, nz = 0.0f;
    for (int q = faceStart[i]; q < faceStart[i + 1]; q++) {
        int ea = faceCorners[3 * q], eb = faceCorners[3 * q + 1], ec = faceCorners[3 * q + 2];
        int a = 3 * ringLocal[rs + ea], b = 3 * ringLocal[rs + eb], c = 3 * ringLocal[rs + ec];
        float e1x = pos[b] - pos[a], e1y = pos[b + 1] - pos[a + 1], e1z = pos[b + 2] - pos[a + 2];
        float e2x = pos[c] - pos[a], e2y = pos[c + 1] - pos[a + 1], e2z = pos[c + 2] - pos[a + 2];
        nx += e1y * e2z - e1z * e2y;
        ny += e1z * e2x - e1x * e2z;
        nz += e1x * e2y - e1y * e2x;
        for (int d = 0; d < 3; d++) {
            edges[3 * ea + d] += pos[b + d] - pos[c + d];
            edges[3 * eb + d] += pos[c + d] - pos[a + d];
            edges[3 * ec + d] += pos[a + d] - pos[b + d];
        }
    }
    float len = SQRT(nx * nx + ny * ny + nz * nz);
    if (len == 0.0f) {
        len = 1e-30f;
    }
    float mx = nx / len, my = ny / len, mz = nz / len;
    float vx = fr[0] * mx + fr[1] * my + fr[2] * mz;
    float vy = fr[3] * mx + fr[4] * my + fr[5] * mz;
    float vz = fr[6] * mx + fr[7] * my + fr[8] * mz;
    float c0 = fr[F_SH], c1 = fr[F_SH + 1], c2 = fr[F_SH + 2], c20 = fr[F_SH + 3], c22 = fr[F_SH + 4];
    float phi[9];
    phi[0] = c0;
    phi[1] = c1 * vy;
    phi[2] = c1 * vz;
    phi[3] = c1 * vx;
    phi[4] = c2 * vx * vy;
    phi[5] = c2 * vy * vz;
    phi[6] = c20 * (3.0f * vz * vz - 1.0f);
    phi[7] = c2 * vx * vz;
    phi[8] = c22 * (vx * vx - vy * vy);
    /* Albedo of the sample vertex. */
    float rho[3];
    for (int c = 0; c < 3; c++) {
        float r = albedoMean[3 * vs + c];
        int base = vs * kAlb * 3 + c;
        for (int k = 0; k < kAlb; k++) {
            r += alb[k] * albedoModes[base + 3 * k];
        }
        rho[c] = r;
    }
    int p3 = 3 * sampleLocal[i];
    float px = pos[p3], py = pos[p3 + 1], pz = pos[p3 + 2];
    float rx = fr[0] * px + fr[1] * py + fr[2] * pz;
    float ry = fr[3] * px + fr[4] * py + fr[5] * pz;
    float rz = fr[6] * px + fr[7] * py + fr[8] * pz;
    float s = fr[F_S], ls = fr[F_LS];
    float pa = fr[F_TX] + s * rx - fr[F_CX], pb = fr[F_TY] - s * ry - fr[F_CY];
    float kk = 1.0f / (1.0f - s * rz * fr[F_INVF]), g = kk * kk * fr[F_INVF];
    float u = ls * (fr[F_CX] + kk * pa);
    float v = ls * (fr[F_CY] + kk * pb);
    /* Bilinear sample (pixel centres at +0.5), border repeated, zero gradient outside. */
    float smp[9];
    {
        float x = u - 0.5f, y = v - 0.5f;
        int insideX = x >= 0.0f && x <= (float) (width - 1);
        int insideY = y >= 0.0f && y <= (float) (height - 1);
        x = x < 0.0f ? 0.0f : (x > (float) (width - 1) ? (float) (width - 1) : x);
        y = y < 0.0f ? 0.0f : (y > (float) (height - 1) ? (float) (height - 1) : y);
        int x0 = (int) x, y0 = (int) y;
        x0 = x0 < width - 2 ? x0 : width - 2;
        y0 = y0 < height - 2 ? y0 : height - 2;
        x0 = x0 > 0 ? x0 : 0;
        y0 = y0 > 0 ? y0 : 0;
        float fx = x - (float) x0, fy = y - (float) y0;
        int i00 = y0 * width + x0, i10 = i00 + 1, i01 = i00 + width, i11 = i01 + 1;
        int plane = width * height;
        for (int c = 0; c < 3; c++) {
            GLOBAL const float* ch = image + c * plane;
            float a = ch[i00], b = ch[i10], cc = ch[i01], d = ch[i11];
            smp[c] = (1.0f - fy) * ((1.0f - fx) * a + fx * b) + fy * ((1.0f - fx) * cc + fx * d);
            smp[3 + c] = insideX ? (1.0f - fy) * (b - a) + fy * (d - cc) : 0.0f;
            smp[6 + c] = insideY ? (1.0f - fx) * (cc - a) + fx * (d - b) : 0.0f;
        }
    }
    float w = scale * sampleWeight[i];
    float shade[3];
    for (int c = 0; c < 3; c++) {
        float sh = 0.0f;
        for (int k = 0; k < 9; k++) {
            sh += light[9 * c + k] * phi[k];
        }
        shade[c] = sh;
        res[row0 + 3 * i + c] = w * (rho[c] * sh - smp[c]);
    }
    if (!wantJ) {
        return;
    }
    float dphi[27];
    for (int k = 0; k < 27; k++) {
        dphi[k] = 0.0f;
    }
    dphi[4] = c1;
    dphi[8] = c1;
    dphi[9] = c1;
    dphi[12] = c2 * vy; dphi[13] = c2 * vx;
    dphi[16] = c2 * vz; dphi[17] = c2 * vy;
    dphi[20] = c20 * 6.0f * vz;
    dphi[21] = c2 * vz; dphi[23] = c2 * vx;
    dphi[24] = c22 * 2.0f * vx; dphi[25] = -c22 * 2.0f * vy;
    for (int c = 0; c < 3; c++) {
        GLOBAL float* jrow = jac + (row0 + 3 * i + c) * ld;
        float rh = rho[c];
        float iu = smp[3 + c] * ls, iv = smp[6 + c] * ls;
        float hx = 0.0f, hy = 0.0f, hz = 0.0f;
        for (int k = 0; k < 9; k++) {
            float l = light[9 * c + k];
            hx += l * dphi[3 * k];
            hy += l * dphi[3 * k + 1];
            hz += l * dphi[3 * k + 2];
        }
        /* Pose. */
        for (int a = 0; a < 3 && colPose >= 0; a++) {
            GLOBAL const float* d = fr + 9 + 9 * a;
            float dnx = d[0] * mx + d[1] * my + d[2] * mz;
            float dny = d[3] * mx + d[4] * my + d[5] * mz;
            float dnz = d[6] * mx + d[7] * my + d[8] * mz;
            float dz = s * (d[6] * px + d[7] * py + d[8] * pz);
            float du = kk * s * (d[0] * px + d[1] * py + d[2] * pz) + pa * g * dz;
            float dv = -kk * s * (d[3] * px + d[4] * py + d[5] * pz) + pb * g * dz;
            jrow[colPose + a] = w * (rh * (hx * dnx + hy * dny + hz * dnz) - iu * du - iv * dv);
        }
        if (colPose >= 0) {
            jrow[colPose + POSE_TX] = -w * iu * kk;
            jrow[colPose + POSE_TY] = -w * iv * kk;
            jrow[colPose + POSE_SCALE] = -w * (iu * (kk * rx + pa * g * rz) + iv * (-kk * ry + pb * g * rz));
        }
        /* Shape: g = rho*(I - nn^T)/|N| * R^Th; per ring vertex E_j x g, plus the image term at the sample. */
        float qx = fr[0] * hx + fr[3] * hy + fr[6] * hz;
        float qy = fr[1] * hx + fr[4] * hy + fr[7] * hz;
        float qz = fr[2] * hx + fr[5] * hy + fr[8] * hz;
        float dot = mx * qx + my * qy + mz * qz;
        float gx = rh * (qx - mx * dot) / len, gy = rh * (qy - my * dot) / len, gz = rh * (qz - mz * dot) / len;
        for (int e = 0; e < ringSize; e++) {
            float ex = edges[3 * e], ey = edges[3 * e + 1], ez = edges[3 * e + 2];
            int o = (3 * e + c) * 3;
            wv[o] = w * (ey * gz - ez * gy);
            wv[o + 1] = w * (ez * gx - ex * gz);
            wv[o + 2] = w * (ex * gy - ey * gx);
        }
        float ig = (iu * pa + iv * pb) * g;
        wv[3 * c] -= w * s * (kk * (iu * fr[0] - iv * fr[3]) + ig * fr[6]);
        wv[3 * c + 1] -= w * s * (kk * (iu * fr[1] - iv * fr[4]) + ig * fr[7]);
        wv[3 * c + 2] -= w * s * (kk * (iu * fr[2] - iv * fr[5]) + ig * fr[8]);
        /* Albedo. */
        if (colAlb >= 0) {
            int base = vs * kAlb * 3 + c;
            float sw = w * shade[c];
            for (int k = 0; k < kAlb; k++) {
                jrow[colAlb + k] = sw * albedoModes[base + 3 * k];
            }
        }
        /* Lighting: only channel c's coefficients act on channel c. */
        for (int j = 0; j < 27 && colLight >= 0; j++) {
            jrow[colLight + j] = (j / 9 == c) ? w * rh * phi[j - 9 * c] : 0.0f;
        }
    }
    /* Shape blocks: J[3i+c, k] = sum_e m_k(ring_e)*wv_{e,c}. */
    GLOBAL float* j0row = jac + (row0 + 3 * i) * ld;
    for (int k = 0; k < kShape; k++) {
        int col = k < kId ? (colId >= 0 ? colId + k : -1) : (colExp >= 0 ? colExp + k - kId : -1);
        if (col < 0) {
            continue;
        }
        float j0 = 0.0f, j1 = 0.0f, j2 = 0.0f;
        for (int e = 0; e < ringSize; e++) {
            int q = (needed[ringLocal[rs + e]] * kShape + k) * 3;
            float mxk = shape[q], myk = shape[q + 1], mzk = shape[q + 2];
            int w0 = 9 * e;
            j0 += wv[w0] * mxk + wv[w0 + 1] * myk + wv[w0 + 2] * mzk;
            j1 += wv[w0 + 3] * mxk + wv[w0 + 4] * myk + wv[w0 + 5] * mzk;
            j2 += wv[w0 + 6] * mxk + wv[w0 + 7] * myk + wv[w0 + 8] * mzk;
        }
        j0row[col] = j0;
        j0row[ld + col] = j1;
        j0row[2 * ld + col] = j2;
    }
}
