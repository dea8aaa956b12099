package io.inverseface.core.landmarks;

import io.inverseface.render.RgbImage;
import io.inverseface.data.weights.FaceApiModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * face-api's tiny face detector: a Tiny-YOLOv2-style single-class detector built from
 * depthwise-separable convolutions, on a square input (416×416 by default).
 *
 * <p>Architecture (from the face-api source): the image is scaled so its longer side fills the
 * input, placed at the top-left and padded with black; normalised as {@code (rgb - mean) / 255};
 * then conv 3×3 (valid) + leaky ReLU, and five blocks of [2×2 max-pool, separable conv 3×3 (same) +
 * leaky ReLU(0.1)], a final 2×2 stride-1 max-pool and a 1×1 conv to 5 anchors × (x, y, w, h, score)
 * on a grid of {@code input/32} cells. Each anchor's box is decoded YOLO-style
 * ({@code centre = (cell + sigmoid(t)) / cells}, {@code size = exp(t) * anchor / cells}), kept when
 * {@code sigmoid(score)} exceeds the threshold, and overlapping boxes are suppressed (IoU 0.4).
 *
 * <p>Thread-safe: the weights are immutable and each thread gets its own activation buffers.
 */
public final class TinyFaceDetector {

    /** Input side face-api uses by default. */
    public static final int DEFAULT_INPUT_SIZE = 416;
    /** face-api's default score threshold. */
    public static final double DEFAULT_SCORE_THRESHOLD = 0.5;
    /** face-api's IoU threshold for non-maximum suppression. */
    public static final double IOU_THRESHOLD = 0.4;

    private static final float[] MEAN_RGB = {117.001f, 114.697f, 97.404f};
    private static final double[][] ANCHORS = {
        {1.603231, 2.094468}, {6.041143, 7.080126}, {2.882459, 3.518061}, {4.266906, 5.178857}, {9.041765, 10.66308},
    };
    private static final int BOX_ENCODING = 5;
    private static final float LEAKY_SLOPE = 0.1f;
    private static final int SEPARABLE_LAYERS = 5;

    private final int inputSize;
    private final double scoreThreshold;
    private final ConvWeights conv0;
    private final SeparableConvWeights[] separable;
    private final ConvWeights conv8;
    private final ThreadLocal<Workspace> workspace;

    /** The bundled weights, 416 input, threshold 0.5. */
    public TinyFaceDetector() {
        this(TfjsWeights.load(FaceApiModel.TINY_FACE_DETECTOR), DEFAULT_INPUT_SIZE, DEFAULT_SCORE_THRESHOLD);
    }

    /**
     * @param weights        the tiny face detector's tensors
     * @param inputSize      network input side, a multiple of 32 (smaller is faster, finds fewer small faces)
     * @param scoreThreshold minimum detection score in (0, 1)
     */
    public TinyFaceDetector(TfjsWeights weights, int inputSize, double scoreThreshold) {
        if (inputSize < 64 || inputSize % 32 != 0) {
            throw new IllegalArgumentException("input size must be a multiple of 32, at least 64; got " + inputSize);
        }
        if (!(scoreThreshold > 0 && scoreThreshold < 1)) {
            throw new IllegalArgumentException("score threshold must lie in (0, 1), got " + scoreThreshold);
        }
        this.inputSize = inputSize;
        this.scoreThreshold = scoreThreshold;
        this.conv0 = weights.conv("conv0");
        this.separable = new SeparableConvWeights[SEPARABLE_LAYERS];
        for (int i = 0; i < SEPARABLE_LAYERS; i++) {
            separable[i] = weights.separable("conv" + (i + 1));
        }
        this.conv8 = weights.conv("conv8");
        if (conv8.kernel() != 1 || conv8.outChannels() != ANCHORS.length * BOX_ENCODING) {
            throw new LandmarkModelException("tiny face detector: conv8 must be 1x1 with "
                    + ANCHORS.length * BOX_ENCODING + " outputs");
        }
        this.workspace = ThreadLocal.withInitial(Workspace::new);
    }

    /** @return the network input side */
    public int inputSize() {
        return inputSize;
    }

    /** @return the minimum score of a returned detection */
    public double scoreThreshold() {
        return scoreThreshold;
    }

    /**
     * @param image the photo
     * @return all faces after non-maximum suppression, boxes clipped to the image, largest first
     */
    public List<FaceDetection> detect(RgbImage image) {
        Workspace ws = workspace.get();
        double side = Math.max(image.width(), image.height());
        ImageSampler.sampleSquare(image, 0, 0, side, inputSize, MEAN_RGB, ws.input);
        FeatureMap grid = forward(ws);
        List<FaceDetection> candidates = decode(grid, inputSize / side, image);
        List<FaceDetection> kept = new ArrayList<>(NonMaxSuppression.apply(candidates, IOU_THRESHOLD));
        kept.sort(Comparator.comparingDouble((FaceDetection d) -> d.box().area()).reversed());
        return kept;
    }

    /** Runs the network on {@code ws.input}; returns the raw {@code cells×cells×25} output grid. */
    private FeatureMap forward(Workspace ws) {
        // leaky ReLU is monotonic, so it commutes with max-pool: apply it after, on 4× fewer values
        ws.conv0.apply(ws.input, ws.pooled[0]);
        Layers.leakyRelu(ws.pooled[0], LEAKY_SLOPE);
        for (int i = 0; i < SEPARABLE_LAYERS; i++) {
            Layers.separableConv2d(ws.pooled[i], separable[i], 1, Padding.SAME, ws.depthwise[i], ws.pointwise[i]);
            Layers.maxPool(ws.pointwise[i], 2, poolStride(i), Padding.SAME, ws.pooled[i + 1]);
            Layers.leakyRelu(ws.pooled[i + 1], LEAKY_SLOPE);
        }
        Layers.pointwiseConv2d(ws.pooled[SEPARABLE_LAYERS], conv8.filters(), conv8.bias(), ws.output);
        return ws.output;
    }

    private static int poolStride(int layer) {
        return layer < SEPARABLE_LAYERS - 1 ? 2 : 1;
    }

    private List<FaceDetection> decode(FeatureMap grid, double scale, RgbImage image) {
        int cells = grid.height();
        // one grid cell covers inputSize / cells network pixels, i.e. that / scale image pixels
        double cellPixels = (double) inputSize / cells / scale;
        List<FaceDetection> out = new ArrayList<>();
        for (int row = 0; row < cells; row++) {
            for (int col = 0; col < cells; col++) {
                for (int anchor = 0; anchor < ANCHORS.length; anchor++) {
                    int c = anchor * BOX_ENCODING;
                    double score = sigmoid(grid.get(row, col, c + 4));
                    if (score <= scoreThreshold) {
                        continue;
                    }
                    double cx = (col + sigmoid(grid.get(row, col, c))) * cellPixels;
                    double cy = (row + sigmoid(grid.get(row, col, c + 1))) * cellPixels;
                    double w = Math.exp(grid.get(row, col, c + 2)) * ANCHORS[anchor][0] * cellPixels;
                    double h = Math.exp(grid.get(row, col, c + 3)) * ANCHORS[anchor][1] * cellPixels;
                    FaceBox box = clip(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, image);
                    if (box.area() > 0) {
                        out.add(new FaceDetection(box, score));
                    }
                }
            }
        }
        return out;
    }

    private static FaceBox clip(double x0, double y0, double x1, double y1, RgbImage image) {
        double l = Math.max(0, x0);
        double t = Math.max(0, y0);
        double r = Math.min(image.width(), x1);
        double btm = Math.min(image.height(), y1);
        return new FaceBox(l, t, Math.max(0, r - l), Math.max(0, btm - t));
    }

    private static double sigmoid(double v) {
        return 1.0 / (1.0 + Math.exp(-v));
    }

    /** One thread's activation maps, one per layer output, allocated once. */
    private final class Workspace {
        final float[][] input;
        final ConvMaxPoolRows conv0;
        final FeatureMap[] pooled = new FeatureMap[SEPARABLE_LAYERS + 1];
        final FeatureMap[] depthwise = new FeatureMap[SEPARABLE_LAYERS];
        final FeatureMap[] pointwise = new FeatureMap[SEPARABLE_LAYERS];
        final FeatureMap output;

        Workspace() {
            input = new float[3][inputSize * inputSize];
            conv0 = new ConvMaxPoolRows(TinyFaceDetector.this.conv0, inputSize, inputSize);
            int s = conv0.outputHeight();
            int c = TinyFaceDetector.this.conv0.outChannels();
            pooled[0] = new FeatureMap(s, s, c);
            for (int i = 0; i < SEPARABLE_LAYERS; i++) {
                depthwise[i] = new FeatureMap(s, s, c);
                c = separable[i].outChannels();
                pointwise[i] = new FeatureMap(s, s, c);
                s = Padding.SAME.outputSize(s, 2, poolStride(i));
                pooled[i + 1] = new FeatureMap(s, s, c);
            }
            output = new FeatureMap(s, s, conv8.outChannels());
        }
    }
}
