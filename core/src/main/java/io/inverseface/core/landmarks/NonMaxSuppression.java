package io.inverseface.core.landmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Greedy non-maximum suppression: keep the best-scoring box, drop those overlapping it, repeat. */
public final class NonMaxSuppression {

    private NonMaxSuppression() {
    }

    /**
     * @param candidates    boxes with scores, any order
     * @param iouThreshold  a box is dropped when its IoU with a kept box exceeds this
     * @return the kept boxes, highest score first
     */
    public static List<FaceDetection> apply(List<FaceDetection> candidates, double iouThreshold) {
        List<FaceDetection> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(FaceDetection::score).reversed());
        List<FaceDetection> kept = new ArrayList<>();
        boolean[] dropped = new boolean[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            if (dropped[i]) {
                continue;
            }
            FaceDetection best = sorted.get(i);
            kept.add(best);
            for (int j = i + 1; j < sorted.size(); j++) {
                if (!dropped[j] && best.box().iou(sorted.get(j).box()) > iouThreshold) {
                    dropped[j] = true;
                }
            }
        }
        return kept;
    }
}
