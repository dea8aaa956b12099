package io.inverseface.core.landmarks.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs one graph node on its input tensors: the TF.js ops that the bundled MediaPipe graphs use.
 * Attribute semantics follow TensorFlow's op definitions; data format is always NHWC.
 */
final class Kernels {

    /** The ops {@link #run} implements (besides {@code Const} and {@code Placeholder}). */
    static final Set<String> SUPPORTED = Set.of("Conv2D", "_FusedConv2D", "DepthwiseConv2dNative",
            "FusedDepthwiseConv2dNative", "MaxPool", "AvgPool", "Pad", "PadV2", "Reshape", "ConcatV2", "Identity",
            "Add", "AddV2", "Sub", "Mul", "RealDiv", "Maximum", "Minimum", "BiasAdd", "Prelu",
            "Relu", "Relu6", "Sigmoid", "Tanh", "Neg", "Exp");

    private Kernels() {
    }

    static Tensor run(GraphNode node, List<Tensor> in) {
        String name = node.name();
        return switch (node.op()) {
            case "Conv2D", "_FusedConv2D" -> Convolution.conv2d(in.get(0), in.get(1), spec(node, in));
            case "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative" ->
                    Convolution.depthwise(in.get(0), in.get(1), spec(node, in));
            case "MaxPool", "AvgPool" -> {
                checkNhwc(node);
                int[] k = node.intsAttr("ksize", null);
                int[] s = node.intsAttr("strides", null);
                if (k == null || s == null || k.length != 4 || s.length != 4 || k[0] != 1 || k[3] != 1) {
                    throw new GraphModelException(name + ": pooling needs 4-d ksize and strides over H and W only");
                }
                yield Pooling.pool(in.get(0), k[1], k[2], s[1], s[2], node.stringAttr("padding", "VALID"),
                        node.op().equals("MaxPool"), name);
            }
            case "Pad" -> ShapeOps.pad(in.get(0), in.get(1).ints(), 0f, name);
            case "PadV2" -> ShapeOps.pad(in.get(0), in.get(1).ints(), in.get(2).data()[0], name);
            case "Reshape" -> ShapeOps.reshape(in.get(0), in.get(1).ints(), name);
            case "ConcatV2" -> ShapeOps.concat(in.subList(0, in.size() - 1), in.get(in.size() - 1).ints()[0], name);
            case "Identity" -> in.get(0);
            case "Add", "AddV2", "BiasAdd" -> Elementwise.binary(in.get(0), in.get(1), Float::sum, name);
            case "Sub" -> Elementwise.binary(in.get(0), in.get(1), (a, b) -> a - b, name);
            case "Mul" -> Elementwise.binary(in.get(0), in.get(1), (a, b) -> a * b, name);
            case "RealDiv" -> Elementwise.binary(in.get(0), in.get(1), (a, b) -> a / b, name);
            case "Maximum" -> Elementwise.binary(in.get(0), in.get(1), Math::max, name);
            case "Minimum" -> Elementwise.binary(in.get(0), in.get(1), Math::min, name);
            case "Prelu" -> Elementwise.prelu(in.get(0), in.get(1), name);
            case "Relu" -> Elementwise.unary(in.get(0), v -> Math.max(v, 0));
            case "Relu6" -> Elementwise.unary(in.get(0), v -> Math.min(Math.max(v, 0), 6));
            case "Sigmoid" -> Elementwise.unary(in.get(0), v -> 1 / (1 + Math.exp(-v)));
            case "Tanh" -> Elementwise.unary(in.get(0), Math::tanh);
            case "Neg" -> Elementwise.unary(in.get(0), v -> -v);
            case "Exp" -> Elementwise.unary(in.get(0), Math::exp);
            default -> throw new GraphModelException(name + ": op " + node.op() + " is not supported");
        };
    }

    /** Strides, dilations, padding and the fused bias/activation of a (fused) convolution node. */
    private static Convolution.Spec spec(GraphNode node, List<Tensor> in) {
        checkNhwc(node);
        String name = node.name();
        int[] s = node.intsAttr("strides", new int[] {1, 1, 1, 1});
        int[] d = node.intsAttr("dilations", new int[] {1, 1, 1, 1});
        if (s.length != 4 || d.length != 4 || s[0] != 1 || s[3] != 1 || d[0] != 1 || d[3] != 1) {
            throw new GraphModelException(name + ": strides/dilations must be 4-d over H and W only");
        }
        List<String> fused = new ArrayList<>(node.stringsAttr("fused_ops"));
        float[] bias = null;
        Activation act = Activation.NONE;
        float[] alpha = null;
        int next = 2;
        if (!fused.isEmpty()) {
            if (!fused.get(0).equals("BiasAdd")) {
                throw new GraphModelException(name + ": fused ops " + fused + " are not supported (BiasAdd first)");
            }
            bias = in.get(next++).data();
            if (fused.size() > 2) {
                throw new GraphModelException(name + ": fused ops " + fused + " are not supported");
            }
            if (fused.size() == 2) {
                act = Activation.of(fused.get(1), name);
                if (act == Activation.PRELU) {
                    alpha = in.get(next++).data();
                }
            }
        }
        if (in.size() != next) {
            throw new GraphModelException(name + ": " + in.size() + " inputs for fused ops " + fused);
        }
        return new Convolution.Spec(s[1], s[2], d[1], d[2], node.stringAttr("padding", "VALID"), bias, act, alpha,
                node.floatAttr("leakyrelu_alpha", 0.2f), name);
    }

    private static void checkNhwc(GraphNode node) {
        String format = node.stringAttr("data_format", "NHWC");
        if (!format.equals("NHWC")) {
            throw new GraphModelException(node.name() + ": data format " + format + " is not supported (NHWC only)");
        }
    }
}
