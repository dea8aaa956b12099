/*
 * IRLS nonlinear-PCG steps for min ||A x - b||^2 + mu1 ||x||^2 + mu2 ||L x||_1 (IrlsPcg.java, the same
 * step on the device, float). Common subset of OpenCL C and CUDA C (KernelDialect prelude prepended).
 *
 * All scalars of the recursion live in S on the device, so a block of steps is enqueued without a
 * single read back; every kernel returns at once when S[S_STOP] is set. Sparse matrices are CSR
 * (rowPtr, col, val); A's CSC arrays are the CSR of A^T. Reductions: partial_dot writes one partial
 * dot product per chunk of CHUNK entries, a one-item finish_* kernel adds them up.
 */
#define S_EPS 0
#define S_HW 1
#define S_MU1 2
#define S_RESTART 3
#define S_STOP 4
#define S_RZ 5
#define S_RZPREV 6
#define S_BETA 7
#define S_RD 8
#define S_ALPHA 9
#define S_FALLBACK 10
#define S_ITER 11
#define S_R2 12

/* w_i = hw / max(|t_i|, eps), wt_i = w_i t_i. */
KERNEL void weights(const int p, GLOBAL const float* t, GLOBAL float* w, GLOBAL float* wt, GLOBAL const float* S) {
    int i = (int) GLOBAL_ID(0);
    if (i >= p || S[S_STOP] != 0.0f) {
        return;
    }
    float ti = t[i];
    float a = ti < 0.0f ? -ti : ti;
    float e = S[S_EPS];
    float wi = S[S_HW] / (a > e ? a : e);
    w[i] = wi;
    wt[i] = wi * ti;
}

/* r = A^T b - A^T A x - mu1 x - L^T W L x, diag = diag(A^T A) + mu1 + diag(L^T W L), z = r / diag, dr = r - rPrev. */
KERNEL void residual(const int n, GLOBAL const int* lCol, GLOBAL const int* lRow, GLOBAL const float* lVal,
                     GLOBAL const float* atb, GLOBAL const float* ga, GLOBAL const float* x,
                     GLOBAL const float* diagA, GLOBAL const float* w, GLOBAL const float* wt,
                     GLOBAL const float* rPrev, GLOBAL float* r, GLOBAL float* z, GLOBAL float* dr,
                     GLOBAL const float* S) {
    int j = (int) GLOBAL_ID(0);
    if (j >= n || S[S_STOP] != 0.0f) {
        return;
    }
    float s = 0.0f, dg = 0.0f;
    for (int k = lCol[j]; k < lCol[j + 1]; k++) {
        float v = lVal[k];
        int i = lRow[k];
        s += v * wt[i];
        dg += v * v * w[i];
    }
    float rj = atb[j] - ga[j] - S[S_MU1] * x[j] - s;
    r[j] = rj;
    z[j] = rj / (diagA[j] + dg);
    dr[j] = rj - rPrev[j];
}

/* partial[offset + c] = sum over chunk c of a_i * b_i. */
KERNEL void partial_dot(const int count, const int chunk, GLOBAL const float* a, GLOBAL const float* b,
                        GLOBAL float* partial, const int offset, GLOBAL const float* S) {
    int c = (int) GLOBAL_ID(0);
    int start = c * chunk;
    if (S[S_STOP] != 0.0f) {
        return;
    }
    if (start >= count) { /* an empty vector still has one partial: zero */
        if (c == 0) {
            partial[offset] = 0.0f;
        }
        return;
    }
    int end = start + chunk < count ? start + chunk : count;
    float s = 0.0f;
    for (int i = start; i < end; i++) {
        s += a[i] * b[i];
    }
    partial[offset + c] = s;
}

/* rz, prNum (= z.(r - rPrev)), r2 from three partial segments of `chunks` each; beta (Polak-Ribiere+). */
KERNEL void finish_residual(const int chunks, GLOBAL const float* partial, GLOBAL float* S) {
    if ((int) GLOBAL_ID(0) != 0 || S[S_STOP] != 0.0f) {
        return;
    }
    float rz = 0.0f, pr = 0.0f, r2 = 0.0f;
    for (int c = 0; c < chunks; c++) {
        rz += partial[c];
        pr += partial[chunks + c];
        r2 += partial[2 * chunks + c];
    }
    S[S_R2] = r2;
    if (!(rz > 0.0f)) {
        S[S_STOP] = 1.0f;
        return;
    }
    float beta = 0.0f;
    if (S[S_RESTART] == 0.0f) {
        beta = pr / S[S_RZPREV];
        beta = beta > 0.0f ? beta : 0.0f;
    }
    S[S_RZ] = rz;
    S[S_BETA] = beta;
}

/* d = z + beta d. */
KERNEL void direction(const int n, GLOBAL const float* z, GLOBAL float* d, GLOBAL const float* S) {
    int j = (int) GLOBAL_ID(0);
    if (j >= n || S[S_STOP] != 0.0f) {
        return;
    }
    d[j] = z[j] + S[S_BETA] * d[j];
}

/* rd = r.d; not a descent direction: fall back to d = z (rd = rz). */
KERNEL void finish_direction(const int chunks, GLOBAL const float* partial, GLOBAL float* S) {
    if ((int) GLOBAL_ID(0) != 0 || S[S_STOP] != 0.0f) {
        return;
    }
    float rd = 0.0f;
    for (int c = 0; c < chunks; c++) {
        rd += partial[c];
    }
    if (rd > 0.0f) {
        S[S_FALLBACK] = 0.0f;
        S[S_RD] = rd;
    } else {
        S[S_FALLBACK] = 1.0f;
        S[S_RD] = S[S_RZ];
    }
    S[S_RZPREV] = S[S_RZ];
    S[S_RESTART] = 0.0f;
}

/* The fallback's d = z, and rPrev = r for the next Polak-Ribiere numerator. */
KERNEL void keep_residual(const int n, GLOBAL const float* z, GLOBAL float* d, GLOBAL const float* r,
                          GLOBAL float* rPrev, GLOBAL const float* S) {
    int j = (int) GLOBAL_ID(0);
    if (j >= n || S[S_STOP] != 0.0f) {
        return;
    }
    if (S[S_FALLBACK] != 0.0f) {
        d[j] = z[j];
    }
    rPrev[j] = r[j];
}

/* y = M v for CSR M (rows x ...); with a weight vector (weighted != 0) also wy_i = weight_i * y_i. */
KERNEL void csr_product(const int rows, GLOBAL const int* rowPtr, GLOBAL const int* col, GLOBAL const float* val,
                        GLOBAL const float* v, GLOBAL float* y, const int weighted, GLOBAL const float* weight,
                        GLOBAL float* wy, GLOBAL const float* S) {
    int i = (int) GLOBAL_ID(0);
    if (i >= rows || S[S_STOP] != 0.0f) {
        return;
    }
    float s = 0.0f;
    for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
        s += val[k] * v[col[k]];
    }
    y[i] = s;
    if (weighted) {
        wy[i] = weight[i] * s;
    }
}

/* d^T H d = |A d|^2 + mu1 |d|^2 + sum w (L d)^2 from segments of mChunks, nChunks and pChunks; alpha = rd / dHd. */
KERNEL void finish_curvature(const int mChunks, const int nChunks, const int pChunks, GLOBAL const float* partial,
                             GLOBAL float* S) {
    if ((int) GLOBAL_ID(0) != 0 || S[S_STOP] != 0.0f) {
        return;
    }
    float ad = 0.0f, dd = 0.0f, wl = 0.0f;
    for (int c = 0; c < mChunks; c++) {
        ad += partial[c];
    }
    for (int c = 0; c < nChunks; c++) {
        dd += partial[mChunks + c];
    }
    for (int c = 0; c < pChunks; c++) {
        wl += partial[mChunks + nChunks + c];
    }
    float dhd = ad + S[S_MU1] * dd + wl;
    if (!(dhd > 0.0f)) {
        S[S_STOP] = 1.0f;
        return;
    }
    S[S_ALPHA] = S[S_RD] / dhd;
    S[S_ITER] += 1.0f;
}

/* y += alpha * v over `count` entries. */
KERNEL void step_update(const int count, GLOBAL float* y, GLOBAL const float* v, GLOBAL const float* S) {
    int i = (int) GLOBAL_ID(0);
    if (i >= count || S[S_STOP] != 0.0f) {
        return;
    }
    y[i] += S[S_ALPHA] * v[i];
}
