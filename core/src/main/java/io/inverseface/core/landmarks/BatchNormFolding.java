package io.inverseface.core.landmarks;

/**
 * Folds an inference-time batch normalisation that follows a convolution into the convolution's
 * filters and bias, so the forward pass pays nothing for it:
 * {@code gamma * (conv(x) + b - mean) / sqrt(var + eps) + beta = conv'(x) + b'}.
 *
 * <p>The bundled face-api models carry no batch-norm layers (their tiny detector is the
 * separable-convolution variant), so this is used when loading other Tiny-YOLOv2-style weights.
 */
public final class BatchNormFolding {

    private BatchNormFolding() {
    }

    /**
     * @param conv     the convolution (HWIO filters)
     * @param mean     moving mean, one per output channel
     * @param variance moving variance, one per output channel
     * @param gamma    scale, one per output channel
     * @param beta     offset, one per output channel
     * @param epsilon  the variance epsilon of the batch-norm layer
     * @return a new convolution with the normalisation folded in
     */
    public static ConvWeights fold(ConvWeights conv, float[] mean, float[] variance, float[] gamma, float[] beta,
                                   double epsilon) {
        int cout = conv.outChannels();
        if (mean.length != cout || variance.length != cout || gamma.length != cout || beta.length != cout) {
            throw new IllegalArgumentException("batch-norm parameters must have " + cout + " values each");
        }
        float[] scale = new float[cout];
        float[] bias = new float[cout];
        for (int c = 0; c < cout; c++) {
            double s = gamma[c] / Math.sqrt(variance[c] + epsilon);
            scale[c] = (float) s;
            bias[c] = (float) ((conv.bias()[c] - mean[c]) * s + beta[c]);
        }
        float[][] filters = new float[conv.filters().length][];
        for (int r = 0; r < filters.length; r++) {
            filters[r] = conv.filters()[r].clone();
            for (int c = 0; c < cout; c++) {
                filters[r][c] *= scale[c];
            }
        }
        return new ConvWeights(conv.kernel(), conv.inChannels(), cout, filters, bias);
    }
}
