/*
 * The model instance on the device, for the visibility test (DeviceVisibleSamples.java, render's
 * visibility.cl): one work item per vertex. Needs model_common.cl; common subset of OpenCL C and CUDA C.
 */

/* pos[3v..] = mean + sum_k c_k m_k over every model vertex. */
KERNEL void all_positions(const int nv, const int kShape, GLOBAL const float* meanShape, GLOBAL const float* shape,
                          GLOBAL const float* coeffs, GLOBAL float* pos) {
    int v = (int) GLOBAL_ID(0);
    if (v >= nv) {
        return;
    }
    float p[3];
    model_position(v, kShape, meanShape, shape, coeffs, p);
    pos[3 * v] = p[0];
    pos[3 * v + 1] = p[1];
    pos[3 * v + 2] = p[2];
}
