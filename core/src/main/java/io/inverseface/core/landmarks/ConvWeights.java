package io.inverseface.core.landmarks;

/**
 * A regular convolution's parameters. The filter is kept as rows: row {@code (ky * kernel + kx) *
 * inChannels + ci} holds the {@code outChannels} weights of that tap and input channel (TensorFlow's
 * HWIO layout, split per output vector so the inner loop vectorises).
 *
 * @param kernel      square window size
 * @param inChannels  input channels
 * @param outChannels output channels
 * @param filters     {@code [kernel * kernel * inChannels][outChannels]}; never modified
 * @param bias        {@code outChannels} values; never modified
 */
public record ConvWeights(int kernel, int inChannels, int outChannels, float[][] filters, float[] bias) {

    /** Checks the array sizes against the shape. */
    public ConvWeights {
        if (filters.length != kernel * kernel * inChannels || bias.length != outChannels) {
            throw new IllegalArgumentException("convolution weights do not match shape " + kernel + "x" + kernel
                    + "x" + inChannels + "x" + outChannels);
        }
        for (float[] row : filters) {
            if (row.length != outChannels) {
                throw new IllegalArgumentException("convolution filter row of " + row.length + " values, expected "
                        + outChannels);
            }
        }
    }

    /**
     * @param hwio {@code [kernel][kernel][inChannels][outChannels]} row-major, as TensorFlow stores it
     * @return the convolution
     */
    public static ConvWeights fromHwio(int kernel, int inChannels, int outChannels, float[] hwio, float[] bias) {
        return new ConvWeights(kernel, inChannels, outChannels,
                Rows.split(hwio, kernel * kernel * inChannels, outChannels), bias);
    }
}
