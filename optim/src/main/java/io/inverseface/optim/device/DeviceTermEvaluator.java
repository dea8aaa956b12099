package io.inverseface.optim.device;

import io.inverseface.compute.DeviceBuffer;
import io.inverseface.optim.Term;

/**
 * The device side of a {@link DeviceTerm} for one solve: per call it uploads only the parameter
 * blocks and runs its kernels. Closing it releases what {@link DeviceTerm#bindTo} uploaded.
 */
public interface DeviceTermEvaluator extends AutoCloseable {

    /**
     * Writes {@code scale·r_i} to {@code residuals[rowOffset + i]} for i &lt; {@link Term#residualCount()}
     * and, when {@code jacobian} is not null, {@code scale·∂r_i/∂blocks[j][c]} to
     * {@code jacobian[(rowOffset + i)·ld + columnOffsets[j] + c]} for every block j whose column offset is
     * not negative (a negative offset marks a constant block: write nothing for it). Entries of other
     * columns must be left untouched (the solver zeroes them once).
     *
     * @param blocks the parameter blocks on the host, in the term's block order
     * @return false when the term cannot be evaluated at these parameters
     */
    boolean evaluate(double[][] blocks, DeviceBuffer residuals, DeviceBuffer jacobian, int rowOffset, int ld,
                     int[] columnOffsets, double scale);

    @Override
    void close();
}
