package io.inverseface.core.landmarks;

/**
 * A depthwise-separable convolution: a per-channel {@code kernel×kernel} depthwise filter, then a
 * 1×1 (pointwise) convolution with bias. TF.js applies the layer's bias only after the pointwise
 * step, so there is none on the depthwise part.
 *
 * @param kernel      depthwise window size
 * @param inChannels  input channels (= depthwise channels; channel multiplier 1)
 * @param outChannels pointwise output channels
 * @param depthwise   {@code [kernel * kernel][inChannels]} (row = tap {@code ky * kernel + kx}); never modified
 * @param pointwise   {@code [inChannels][outChannels]}; never modified
 * @param bias        {@code outChannels} values; never modified
 */
public record SeparableConvWeights(int kernel, int inChannels, int outChannels, float[][] depthwise,
                                   float[][] pointwise, float[] bias) {

    /** Checks the array sizes against the shape. */
    public SeparableConvWeights {
        if (depthwise.length != kernel * kernel || pointwise.length != inChannels || bias.length != outChannels
                || depthwise[0].length != inChannels || pointwise[0].length != outChannels) {
            throw new IllegalArgumentException("separable convolution weights do not match shape " + kernel + "x"
                    + kernel + "x" + inChannels + " -> " + outChannels);
        }
    }

    /**
     * @param depthwiseHwc {@code [kernel][kernel][inChannels]} row-major (TensorFlow's layout, multiplier 1)
     * @param pointwiseIo  {@code [inChannels][outChannels]} row-major
     * @return the separable convolution
     */
    public static SeparableConvWeights fromTf(int kernel, int inChannels, int outChannels, float[] depthwiseHwc,
                                              float[] pointwiseIo, float[] bias) {
        return new SeparableConvWeights(kernel, inChannels, outChannels,
                Rows.split(depthwiseHwc, kernel * kernel, inChannels),
                Rows.split(pointwiseIo, inChannels, outChannels), bias);
    }
}
