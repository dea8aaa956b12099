package io.inverseface.core.landmarks;

/**
 * A fully connected layer, {@code out = in · weights + bias}.
 *
 * @param inputs  input length
 * @param outputs output length
 * @param weights {@code [inputs][outputs]}; never modified
 * @param bias    {@code outputs} values; never modified
 */
public record DenseWeights(int inputs, int outputs, float[][] weights, float[] bias) {

    /** Checks the array sizes against the shape. */
    public DenseWeights {
        if (weights.length != inputs || bias.length != outputs || (inputs > 0 && weights[0].length != outputs)) {
            throw new IllegalArgumentException("dense weights do not match shape " + inputs + "x" + outputs);
        }
    }

    /** @param flat {@code [inputs][outputs]} row-major */
    public static DenseWeights fromFlat(int inputs, int outputs, float[] flat, float[] bias) {
        return new DenseWeights(inputs, outputs, Rows.split(flat, inputs, outputs), bias);
    }
}
