/*
 * Small helpers of ComputeDevice, in the common subset of OpenCL C and CUDA C (the host prepends the
 * KernelDialect prelude). One work item per element (fill) or per chunk (sum of squares).
 */

KERNEL void fill_zero(GLOBAL float* a, const int offset, const int count) {
    int i = (int) GLOBAL_ID(0);
    if (i < count) {
        a[offset + i] = 0.0f;
    }
}

/* partial[g] = sum of a[offset + i]^2 over the g-th chunk of `chunk` elements. */
KERNEL void sum_squares(GLOBAL const float* a, const int offset, const int count, const int chunk,
                        GLOBAL float* partial) {
    int g = (int) GLOBAL_ID(0);
    int start = g * chunk;
    if (start >= count) {
        return;
    }
    int end = start + chunk < count ? start + chunk : count;
    float s = 0.0f;
    for (int i = start; i < end; i++) {
        float v = a[offset + i];
        s += v * v;
    }
    partial[g] = s;
}
