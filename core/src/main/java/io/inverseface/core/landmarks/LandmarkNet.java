package io.inverseface.core.landmarks;

import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import io.inverseface.data.weights.FaceApiModel;

/**
 * face-api's 68-point landmark regressor ({@code face_landmark_68_model}, or the tiny variant).
 *
 * <p>Architecture (from the face-api source): a 112×112 crop normalised as {@code (rgb - mean) / 255};
 * dense blocks (four of four convolutions, or three of three for the tiny net), each starting with a
 * stride-2 convolution (a regular 3×3 conv in the first block, separable afterwards) followed by
 * ReLU, and then separable convolutions whose inputs are the ReLU of the running sum of the
 * block's outputs; the block returns the ReLU of that sum. A global average pool and a fully
 * connected layer give 136 values: the 68 points' x, y interleaved, as fractions of the crop.
 *
 * <p>Thread-safe: the weights are immutable and each thread gets its own activation buffers.
 */
public final class LandmarkNet {

    /** Network input side. */
    public static final int INPUT_SIZE = 112;

    private static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};

    private final String name;
    private final ConvWeights firstConv;
    /** [block][conv]; the first block's entry 0 is null (it is {@link #firstConv}). */
    private final SeparableConvWeights[][] blocks;
    private final DenseWeights fc;
    private final ThreadLocal<Workspace> workspace;

    /**
     * @param weights         the net's tensors
     * @param blockCount      dense blocks (4 for the full net, 3 for the tiny one)
     * @param convsPerBlock   convolutions per block (4 for the full net, 3 for the tiny one)
     */
    LandmarkNet(String name, TfjsWeights weights, int blockCount, int convsPerBlock) {
        this.name = name;
        this.firstConv = weights.conv("dense0/conv0");
        this.blocks = new SeparableConvWeights[blockCount][convsPerBlock];
        for (int b = 0; b < blockCount; b++) {
            for (int c = 0; c < convsPerBlock; c++) {
                if (b > 0 || c > 0) {
                    blocks[b][c] = weights.separable("dense" + b + "/conv" + c);
                }
            }
        }
        this.fc = weights.dense("fc");
        if (fc.outputs() != 2 * Landmarks.COUNT) {
            throw new LandmarkModelException(name + ": fc must have " + 2 * Landmarks.COUNT + " outputs");
        }
        int channels = blocks[blockCount - 1][convsPerBlock - 1].outChannels();
        if (fc.inputs() != channels) {
            throw new LandmarkModelException(name + ": fc expects " + fc.inputs() + " inputs, features have " + channels);
        }
        this.workspace = ThreadLocal.withInitial(Workspace::new);
    }

    /** @return the full 68-point net with the bundled weights */
    public static LandmarkNet standard() {
        return new LandmarkNet("face_landmark_68_model", TfjsWeights.load(FaceApiModel.FACE_LANDMARK_68), 4, 4);
    }

    /** @return the tiny 68-point net with the bundled weights (faster, less accurate) */
    public static LandmarkNet tiny() {
        return new LandmarkNet("face_landmark_68_tiny_model", TfjsWeights.load(FaceApiModel.FACE_LANDMARK_68_TINY),
                3, 3);
    }

    /** @return the model's name */
    public String name() {
        return name;
    }

    /**
     * Predicts the 68 points inside a square region of the image.
     *
     * @param image the photo
     * @param x0    left edge of the square crop, pixels (may extend past the image: black there)
     * @param y0    top edge
     * @param side  side of the square, pixels
     * @return the landmarks in image pixels (pixel-corner convention)
     */
    public Landmarks predict(RgbImage image, double x0, double y0, double side) {
        Workspace ws = workspace.get();
        ImageSampler.sampleSquare(image, x0, y0, side, INPUT_SIZE, MEAN_RGB, ws.input);
        float[] out = ws.output;
        forward(ws, out);
        double[] xy = new double[2 * Landmarks.COUNT];
        for (int i = 0; i < xy.length; i += 2) {
            // outputs are fractions of the crop; the crop's edges are the sampled square's edges
            xy[i] = x0 + out[i] * side;
            xy[i + 1] = y0 + out[i + 1] * side;
        }
        return new Landmarks(xy);
    }

    /** Runs the network on {@code ws.input}; writes the 136 raw outputs. */
    private void forward(Workspace ws, float[] out) {
        FeatureMap x = ws.input;
        for (int b = 0; b < blocks.length; b++) {
            x = denseBlock(b, x, ws.blocks[b]);
        }
        Layers.avgPool(x, x.height(), 2, Padding.VALID, ws.pooled);
        Layers.dense(ws.pooled, fc, out);
    }

    /**
     * out1 = relu(strided conv(in)); then each further conv reads relu(sum of the outputs so far);
     * the block returns relu(sum of all its outputs).
     */
    private FeatureMap denseBlock(int b, FeatureMap in, BlockMaps m) {
        if (b == 0) {
            Layers.conv2d(in, firstConv, 2, Padding.SAME, m.first);
        } else {
            Layers.separableConv2d(in, blocks[b][0], 2, Padding.SAME, m.stridedScratch, m.first);
        }
        Layers.relu(m.first);
        Layers.copy(m.first, m.sum);
        FeatureMap act = m.first;
        for (int c = 1; c < blocks[b].length; c++) {
            Layers.separableConv2d(act, blocks[b][c], 1, Padding.SAME, m.scratch, m.conv);
            Layers.addInPlace(m.sum, m.conv);
            Layers.reluInto(m.sum, m.act);
            act = m.act;
        }
        return act;
    }

    /** One dense block's maps. */
    private static final class BlockMaps {
        final FeatureMap stridedScratch;
        final FeatureMap first;
        final FeatureMap sum;
        final FeatureMap act;
        final FeatureMap conv;
        final FeatureMap scratch;

        BlockMaps(int inSide, int inChannels, int channels) {
            int s = Padding.SAME.outputSize(inSide, 3, 2);
            stridedScratch = new FeatureMap(s, s, inChannels);
            first = new FeatureMap(s, s, channels);
            sum = new FeatureMap(s, s, channels);
            act = new FeatureMap(s, s, channels);
            conv = new FeatureMap(s, s, channels);
            scratch = new FeatureMap(s, s, channels);
        }
    }

    /** One thread's activation maps, allocated once. */
    private final class Workspace {
        final FeatureMap input = new FeatureMap(INPUT_SIZE, INPUT_SIZE, 3);
        final BlockMaps[] blocks = new BlockMaps[LandmarkNet.this.blocks.length];
        final FeatureMap pooled;
        final float[] output = new float[2 * Landmarks.COUNT];

        Workspace() {
            int side = INPUT_SIZE;
            int channels = 3;
            for (int b = 0; b < blocks.length; b++) {
                int out = b == 0 ? firstConv.outChannels() : LandmarkNet.this.blocks[b][0].outChannels();
                blocks[b] = new BlockMaps(side, channels, out);
                side = blocks[b].first.height();
                channels = out;
            }
            pooled = new FeatureMap(1, 1, channels);
        }
    }
}
