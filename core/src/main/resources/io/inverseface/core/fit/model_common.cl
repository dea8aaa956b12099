/*
 * Shared by the coarse kernels (prepended by KernelSources): the model's vertex-major shape table holds,
 * per vertex v, 3*kShape floats (identity modes, then expression modes), xyz each.
 */

/* out = mean(v) + sum_k coeffs[k] * mode_k(v). */
DEVICE_FN void model_position(int v, int kShape, GLOBAL const float* meanShape, GLOBAL const float* shape,
                              GLOBAL const float* coeffs, float* out) {
    int base = v * kShape * 3;
    float x = meanShape[3 * v], y = meanShape[3 * v + 1], z = meanShape[3 * v + 2];
    for (int k = 0; k < kShape; k++) {
        float c = coeffs[k];
        int b = base + 3 * k;
        x += c * shape[b];
        y += c * shape[b + 1];
        z += c * shape[b + 2];
    }
    out[0] = x;
    out[1] = y;
    out[2] = z;
}
