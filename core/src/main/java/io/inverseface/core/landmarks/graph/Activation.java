package io.inverseface.core.landmarks.graph;

/**
 * The activation fused after a convolution's bias ({@code fused_ops} of {@code _FusedConv2D}).
 * Applied in place to one output pixel's channel vector.
 */
enum Activation {
    NONE, RELU, RELU6, PRELU, LEAKY_RELU, SIGMOID;

    /** @return the activation named by a TF.js {@code fused_ops} entry */
    static Activation of(String fusedOp, String nodeName) {
        return switch (fusedOp) {
            case "Relu" -> RELU;
            case "Relu6" -> RELU6;
            case "Prelu" -> PRELU;
            case "LeakyRelu" -> LEAKY_RELU;
            case "Sigmoid" -> SIGMOID;
            default -> throw new GraphModelException(nodeName + ": fused activation " + fusedOp + " is not supported");
        };
    }

    /**
     * @param v     values, {@code v[off .. off + n)} changed in place
     * @param alpha per-channel slopes for PRELU (length n), else unused
     * @param leak  slope for LEAKY_RELU
     */
    void apply(float[] v, int off, int n, float[] alpha, float leak) {
        switch (this) {
            case NONE -> { }
            case RELU -> {
                for (int i = off; i < off + n; i++) {
                    v[i] = Math.max(v[i], 0f);
                }
            }
            case RELU6 -> {
                for (int i = off; i < off + n; i++) {
                    v[i] = Math.min(Math.max(v[i], 0f), 6f);
                }
            }
            case PRELU -> {
                for (int i = 0; i < n; i++) {
                    float x = v[off + i];
                    v[off + i] = x < 0 ? alpha[i] * x : x;
                }
            }
            case LEAKY_RELU -> {
                for (int i = off; i < off + n; i++) {
                    v[i] = v[i] < 0 ? leak * v[i] : v[i];
                }
            }
            case SIGMOID -> {
                for (int i = off; i < off + n; i++) {
                    v[i] = (float) (1 / (1 + Math.exp(-v[i])));
                }
            }
            default -> throw new AssertionError(this);
        }
    }
}
