/*
 * Gaussian prior residuals r_i = alpha_i / sigma_i (io.inverseface.optim.NormalPrior), one work item per coefficient; the
 * Jacobian row i has its one entry 1/sigma_i on the diagonal (every other entry stays zero).
 * Common subset of OpenCL C and CUDA C (KernelDialect prelude prepended by the device).
 */
KERNEL void normal_prior(const int count, const float scale, const int row0, const int ld, const int col,
                  const int wantJ, GLOBAL const float* inverseSigma, GLOBAL const float* alpha,
                  GLOBAL float* res, GLOBAL float* jac) {
    int i = (int) GLOBAL_ID(0);
    if (i >= count) {
        return;
    }
    res[row0 + i] = scale * alpha[i] * inverseSigma[i];
    if (wantJ && col >= 0) {
        jac[(row0 + i) * ld + col + i] = scale * inverseSigma[i];
    }
}
