package io.inverseface.core.landmarks;

import io.inverseface.render.RgbImage;
import io.inverseface.core.landmarks.graph.GraphModel;
import io.inverseface.core.landmarks.graph.Tensor;
import io.inverseface.data.weights.MediaPipeModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * MediaPipe's BlazeFace short-range detector ("back" model, 256×256 input) on a whole photo.
 *
 * <p>The photo is padded with black to a square (top-left aligned) and reduced to 256×256, values
 * mapped to [-1, 1]. The net regresses, for each of 896 anchors (a 16×16 grid with 2 anchors per
 * cell, an 8×8 grid with 6), a score logit, a box {@code (dx, dy, w, h)} and six keypoints, in
 * input pixels relative to the anchor centre. Overlapping boxes are merged the MediaPipe way
 * (weighted non-maximum suppression: each cluster's boxes and keypoints averaged by score).
 *
 * <p>Thread-safe.
 */
public final class BlazeFaceDetector {

    /** Network input size. */
    public static final int INPUT_SIZE = 256;
    /** Default minimum score of a returned face (MediaPipe's is 0.5). */
    public static final double DEFAULT_MIN_SCORE = 0.5;
    /** IoU above which boxes are merged (MediaPipe's face detection graph: 0.3). */
    public static final double MERGE_IOU = 0.3;

    private static final int VALUES = 16;
    private static final String[] SCORES = {"Identity", "Identity_1"};
    private static final String[] BOXES = {"Identity_2", "Identity_3"};
    private static final int[][] GRIDS = {{16, 2}, {8, 6}};

    private final GraphModel graph;
    private final double minScore;

    /** The bundled weights, default threshold. */
    public BlazeFaceDetector() {
        this(DEFAULT_MIN_SCORE);
    }

    /** @param minScore minimum score of a returned face, in (0, 1) */
    public BlazeFaceDetector(double minScore) {
        if (!(minScore > 0 && minScore < 1)) {
            throw new IllegalArgumentException("minimum score must lie in (0, 1), got " + minScore);
        }
        this.graph = MediaPipeGraphs.load(MediaPipeModel.BLAZEFACE);
        this.minScore = minScore;
    }

    /**
     * @param image the photo
     * @return every face, highest score first
     */
    public List<BlazeFaceDetection> detect(RgbImage image) {
        double side = Math.max(image.width(), image.height());
        return detect(image, 0, 0, side);
    }

    /**
     * Runs on one square window of the photo (a tile, or the whole photo padded).
     *
     * @param image the photo
     * @param x0    left edge of the window, image pixels
     * @param y0    top edge
     * @param side  window side, image pixels
     * @return every face in the window, image pixels, highest score first
     */
    public List<BlazeFaceDetection> detect(RgbImage image, double x0, double y0, double side) {
        float[][] planes = new float[3][INPUT_SIZE * INPUT_SIZE];
        ImageSampler.sampleSquare(image, x0, y0, side, INPUT_SIZE, new float[3], planes);
        float[] nhwc = new float[3 * INPUT_SIZE * INPUT_SIZE];
        for (int i = 0; i < INPUT_SIZE * INPUT_SIZE; i++) {
            nhwc[3 * i] = 2 * planes[0][i] - 1;
            nhwc[3 * i + 1] = 2 * planes[1][i] - 1;
            nhwc[3 * i + 2] = 2 * planes[2][i] - 1;
        }
        Tensor input = new Tensor(new int[] {1, INPUT_SIZE, INPUT_SIZE, 3}, nhwc);
        Map<String, Tensor> out = graph.run(Map.of("input", input),
                List.of(SCORES[0], SCORES[1], BOXES[0], BOXES[1]));
        double toImage = side / INPUT_SIZE;
        List<BlazeFaceDetection> candidates = new ArrayList<>();
        for (int layer = 0; layer < GRIDS.length; layer++) {
            int grid = GRIDS[layer][0];
            int perCell = GRIDS[layer][1];
            float[] scores = out.get(SCORES[layer]).data();
            float[] boxes = out.get(BOXES[layer]).data();
            if (scores.length != grid * grid * perCell || boxes.length != scores.length * VALUES) {
                throw new LandmarkModelException("blazeface: output sizes " + scores.length + "/" + boxes.length
                        + " do not match " + grid + "x" + grid + "x" + perCell + " anchors");
            }
            double stride = (double) INPUT_SIZE / grid;
            for (int a = 0; a < scores.length; a++) {
                double score = sigmoid(Math.max(-100, Math.min(100, scores[a])));
                if (score < minScore) {
                    continue;
                }
                int cell = a / perCell;
                double ax = (cell % grid + 0.5) * stride;
                double ay = (cell / grid + 0.5) * stride;
                int o = a * VALUES;
                double cx = ax + boxes[o];
                double cy = ay + boxes[o + 1];
                double w = boxes[o + 2];
                double h = boxes[o + 3];
                if (!(w > 0 && h > 0)) {
                    continue;
                }
                double[] k = new double[2 * BlazeFaceDetection.KEYPOINTS];
                for (int i = 0; i < BlazeFaceDetection.KEYPOINTS; i++) {
                    k[2 * i] = x0 + (ax + boxes[o + 4 + 2 * i]) * toImage;
                    k[2 * i + 1] = y0 + (ay + boxes[o + 5 + 2 * i]) * toImage;
                }
                FaceBox box = new FaceBox(x0 + (cx - w / 2) * toImage, y0 + (cy - h / 2) * toImage,
                        w * toImage, h * toImage);
                candidates.add(new BlazeFaceDetection(box, score, k));
            }
        }
        return weightedNms(candidates, MERGE_IOU);
    }

    /**
     * Faces too small for the whole-photo pass (under about a twentieth of the photo's longer side): the
     * net on a 3×3 grid of windows half the photo's side, each overlapping its neighbours by half, so that
     * every face up to a quarter of the side lies whole inside one window. A detection touching a window
     * edge inside the photo is dropped (the face is whole in the next window), then the rest are merged
     * as {@link #detect(RgbImage)} merges. Nine passes: for photos where the whole-photo pass found
     * no face.
     *
     * @param image the photo
     * @return every face found in the windows, image pixels, highest score first
     */
    public List<BlazeFaceDetection> detectTiled(RgbImage image) {
        double tile = Math.max(image.width(), image.height()) / 2.0;
        double step = tile / 2;
        double margin = 0.02 * tile;
        List<BlazeFaceDetection> all = new ArrayList<>();
        for (int ty = 0; ty < 3; ty++) {
            for (int tx = 0; tx < 3; tx++) {
                double x0 = tx * step;
                double y0 = ty * step;
                if (x0 >= image.width() || y0 >= image.height()) {
                    continue; // a window in the padding of a non-square photo
                }
                for (BlazeFaceDetection d : detect(image, x0, y0, tile)) {
                    FaceBox b = d.box();
                    boolean cut = (x0 > 0 && b.x() < x0 + margin) || (y0 > 0 && b.y() < y0 + margin)
                            || (x0 + tile < image.width() && b.right() > x0 + tile - margin)
                            || (y0 + tile < image.height() && b.bottom() > y0 + tile - margin);
                    if (!cut) {
                        all.add(d);
                    }
                }
            }
        }
        return weightedNms(all, MERGE_IOU);
    }

    /**
     * MediaPipe's weighted non-maximum suppression: take the best remaining box, gather every box
     * overlapping it by more than {@code iou}, replace them with their score-weighted mean.
     */
    static List<BlazeFaceDetection> weightedNms(List<BlazeFaceDetection> candidates, double iou) {
        List<BlazeFaceDetection> rest = new ArrayList<>(candidates);
        rest.sort(Comparator.comparingDouble(BlazeFaceDetection::score).reversed());
        List<BlazeFaceDetection> kept = new ArrayList<>();
        while (!rest.isEmpty()) {
            BlazeFaceDetection best = rest.get(0);
            List<BlazeFaceDetection> cluster = new ArrayList<>();
            List<BlazeFaceDetection> others = new ArrayList<>();
            for (BlazeFaceDetection d : rest) {
                (d == best || best.box().iou(d.box()) > iou ? cluster : others).add(d);
            }
            double total = 0;
            double x = 0, y = 0, r = 0, b = 0;
            double[] k = new double[2 * BlazeFaceDetection.KEYPOINTS];
            for (BlazeFaceDetection d : cluster) {
                double s = d.score();
                total += s;
                x += s * d.box().x();
                y += s * d.box().y();
                r += s * d.box().right();
                b += s * d.box().bottom();
                for (int i = 0; i < k.length; i++) {
                    k[i] += s * d.keypoints()[i];
                }
            }
            for (int i = 0; i < k.length; i++) {
                k[i] /= total;
            }
            kept.add(new BlazeFaceDetection(new FaceBox(x / total, y / total, (r - x) / total, (b - y) / total),
                    best.score(), k));
            rest = others;
        }
        return kept;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
