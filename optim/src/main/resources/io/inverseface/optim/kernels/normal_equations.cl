/*
 * Dense least-squares kernels shared by the OpenCL and CUDA backends.
 *
 * Written in the common subset of OpenCL C and CUDA C: the host prepends a small dialect prelude
 * (see KernelSource.java) that defines KERNEL, GLOBAL, LOCAL, BARRIER(), GLOBAL_ID(d), LOCAL_ID(d),
 * GROUP_ID(d) and the scalar type REAL (float or double). TILE and PRODUCT_GROUP (a power of two)
 * are defined by the host too.
 *
 * J is row-major m x n: J[i*n + j] is d r_i / d x_j.
 */

/*
 * Partial Gram matrix of one slice of rows: out[s] = sum_{k in slice s} J_k^T J_k.
 * 3-D launch: dim 0 over output columns (tiles of TILE), dim 1 over output rows, dim 2 over slices.
 * Only tiles on or above the diagonal compute (C is symmetric); each writes its value to (row,col)
 * and mirrors it to (col,row), so the n x n partial is complete.
 * Work-groups of TILE x TILE x 1 stage TILE rows of the two column blocks in local memory, so each
 * J element is read from global memory once per tile pair instead of TILE times.
 */
KERNEL void gram_slices(const GLOBAL REAL* J, const int m, const int n, const int rowsPerSlice,
                        GLOBAL REAL* partial) {
    LOCAL REAL rowsBlock[TILE][TILE + 1];
    LOCAL REAL colsBlock[TILE][TILE + 1];
    const int tx = (int) LOCAL_ID(0);
    const int ty = (int) LOCAL_ID(1);
    const int tileCol = (int) GROUP_ID(0);
    const int tileRow = (int) GROUP_ID(1);
    const int slice = (int) GROUP_ID(2);
    /* Lower-triangle tiles: the whole group leaves before any barrier, which is legal. */
    if (tileCol < tileRow) {
        return;
    }
    const int row = tileRow * TILE + ty;
    const int col = tileCol * TILE + tx;
    const int kBegin = slice * rowsPerSlice;
    /* no min(): its spelling differs between the dialects */
    const int kEnd = (kBegin + rowsPerSlice < m) ? kBegin + rowsPerSlice : m;
    REAL acc = (REAL) 0;
    for (int k0 = kBegin; k0 < kEnd; k0 += TILE) {
        const int k = k0 + ty;
        /* rowsBlock[kk][c] = J[k0+kk, tileRow*TILE + c]; colsBlock likewise for the column tile. */
        const int rc = tileRow * TILE + tx;
        rowsBlock[ty][tx] = (k < kEnd && rc < n) ? J[(long) k * n + rc] : (REAL) 0;
        colsBlock[ty][tx] = (k < kEnd && col < n) ? J[(long) k * n + col] : (REAL) 0;
        BARRIER();
        for (int kk = 0; kk < TILE; ++kk) {
            acc += rowsBlock[kk][ty] * colsBlock[kk][tx];
        }
        BARRIER();
    }
    if (row < n && col < n) {
        GLOBAL REAL* out = partial + (long) slice * n * n;
        out[(long) row * n + col] = acc;
        out[(long) col * n + row] = acc;
    }
}

/*
 * Partial transposed product of one slice of rows: partial[s*n + j] = sum_{k in slice s} J[k,j] u[k].
 * 2-D launch: dim 0 over columns j (adjacent work-items read adjacent addresses), dim 1 over slices.
 */
KERNEL void transposed_product_slices(const GLOBAL REAL* J, const int m, const int n, const int rowsPerSlice,
                                      const GLOBAL REAL* u, GLOBAL REAL* partial) {
    const int j = (int) GLOBAL_ID(0);
    const int slice = (int) GROUP_ID(1);
    if (j >= n) {
        return;
    }
    const int kBegin = slice * rowsPerSlice;
    /* no min(): its spelling differs between the dialects */
    const int kEnd = (kBegin + rowsPerSlice < m) ? kBegin + rowsPerSlice : m;
    REAL acc = (REAL) 0;
    for (int k = kBegin; k < kEnd; ++k) {
        acc += J[(long) k * n + j] * u[k];
    }
    partial[(long) slice * n + j] = acc;
}

/* out[i] = sum_s partial[s*length + i]: reduces the per-slice partials of the two kernels above. */
KERNEL void sum_slices(const GLOBAL REAL* partial, const int slices, const int length, GLOBAL REAL* out) {
    const int i = (int) GLOBAL_ID(0);
    if (i >= length) {
        return;
    }
    REAL acc = (REAL) 0;
    for (int s = 0; s < slices; ++s) {
        acc += partial[(long) s * length + i];
    }
    out[i] = acc;
}

/*
 * out[i] = sum_j J[i,j] v[j]: one work-group of PRODUCT_GROUP work-items per residual row i, so that
 * neighbouring work-items read neighbouring addresses of the row (j = lane, lane + G, ...), then a
 * tree reduction in local memory. Launch: global = m * PRODUCT_GROUP, local = PRODUCT_GROUP.
 */
KERNEL void product(const GLOBAL REAL* J, const int m, const int n, const GLOBAL REAL* v, GLOBAL REAL* out) {
    LOCAL REAL lanes[PRODUCT_GROUP];
    const int lane = (int) LOCAL_ID(0);
    const int i = (int) GROUP_ID(0);
    REAL acc = (REAL) 0;
    if (i < m) {
        const GLOBAL REAL* rowPtr = J + (long) i * n;
        for (int j = lane; j < n; j += PRODUCT_GROUP) {
            acc += rowPtr[j] * v[j];
        }
    }
    lanes[lane] = acc;
    BARRIER();
    for (int stride = PRODUCT_GROUP / 2; stride > 0; stride >>= 1) {
        if (lane < stride) {
            lanes[lane] += lanes[lane + stride];
        }
        BARRIER();
    }
    if (lane == 0 && i < m) {
        out[i] = lanes[0];
    }
}

/*
 * Copies the strictly lower triangle of a row-major n x n matrix onto the upper one
 * (a[j,i] = a[i,j] for i > j). cuBLAS syrk fills one triangle only.
 */
KERNEL void mirror_lower(GLOBAL REAL* a, const int n) {
    const int j = (int) GLOBAL_ID(0);
    const int i = (int) GLOBAL_ID(1);
    if (i < n && j < i) {
        a[(long) j * n + i] = a[(long) i * n + j];
    }
}
