package io.inverseface.core.landmarks;

/**
 * TensorFlow's two padding modes for windowed operations (convolution, pooling).
 *
 * <p>{@code SAME} pads so that the output has {@code ceil(in / stride)} positions; when the total
 * padding is odd, TensorFlow puts the extra row/column at the <em>end</em> (bottom/right). That
 * asymmetry matters for stride-2 layers on even sizes, so it is reproduced exactly here.
 */
public enum Padding {

    /** Output size {@code ceil(in / stride)}, zero (or, for max-pool, ignored) padding around. */
    SAME,
    /** No padding: output size {@code ceil((in - kernel + 1) / stride)}. */
    VALID;

    /**
     * @param in     input size along one axis
     * @param kernel window size
     * @param stride step
     * @return output size along that axis
     */
    public int outputSize(int in, int kernel, int stride) {
        int out = this == SAME ? (in + stride - 1) / stride : (in - kernel + stride) / stride;
        if (out <= 0) {
            throw new IllegalArgumentException("window " + kernel + " does not fit input of size " + in);
        }
        return out;
    }

    /**
     * @return the padding before the first input element (top or left), as TensorFlow computes it
     */
    public int padBefore(int in, int kernel, int stride) {
        if (this == VALID) {
            return 0;
        }
        int out = outputSize(in, kernel, stride);
        int total = Math.max((out - 1) * stride + kernel - in, 0);
        return total / 2;
    }
}
