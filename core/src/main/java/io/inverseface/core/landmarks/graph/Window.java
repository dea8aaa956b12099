package io.inverseface.core.landmarks.graph;

/**
 * Output size and leading padding of a sliding window along one spatial axis, as TensorFlow
 * computes them: {@code SAME} gives {@code ceil(in / stride)} outputs and puts the odd padding
 * pixel after the data, {@code VALID} pads nothing.
 *
 * @param out     output length
 * @param padLow  padding before the first input
 */
record Window(int out, int padLow) {

    /**
     * @param in       input length
     * @param kernel   window length (dilated)
     * @param stride   step
     * @param padding  {@code SAME} or {@code VALID}
     * @param nodeName for the error message
     * @return the window geometry
     */
    static Window of(int in, int kernel, int stride, String padding, String nodeName) {
        switch (padding) {
            case "SAME" -> {
                int out = (in + stride - 1) / stride;
                int total = Math.max((out - 1) * stride + kernel - in, 0);
                return new Window(out, total / 2);
            }
            case "VALID" -> {
                int out = (in - kernel) / stride + 1;
                if (out <= 0) {
                    throw new GraphModelException(nodeName + ": window " + kernel + " larger than input " + in);
                }
                return new Window(out, 0);
            }
            default -> throw new GraphModelException(nodeName + ": padding " + padding + " is not supported");
        }
    }
}
