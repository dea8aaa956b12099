package io.inverseface.core.coarse;

import io.inverseface.core.io.Landmarks;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.Jawline;

/**
 * Sliding jaw contour: the 2D jaw landmarks (iBUG 0–16) mark the face's silhouette, which moves over
 * the cheek as the head turns, so a fixed model vertex per jaw landmark is wrong under yaw. For each
 * jaw landmark (except the chin, 8) we take, among its side's contour candidates and its own default
 * vertex, the one whose projection lies closest to the detected point (as eos does). Vertices are
 * assigned between solves, never inside one, so every solve sees a smooth energy.
 */
public final class JawlineContour {

    private static final int CHIN = 8;

    private JawlineContour() {
    }

    /**
     * @param positions current model vertices (xyz per vertex)
     * @param pose      current pose block
     * @return model vertex per landmark (68), the jaw entries re-assigned
     */
    public static int[] assign(FaceModel model, float[] positions, double[] pose, Landmarks landmarks) {
        int[] vertices = model.landmarkVertices();
        Jawline jaw = model.jawline();
        if (jaw == null) {
            return vertices;
        }
        double[] r = new double[9];
        io.inverseface.render.Pose.rotation(pose[PoseBlock.PITCH], pose[PoseBlock.YAW], pose[PoseBlock.ROLL], r);
        int[] right = jaw.rightCandidates();
        int[] left = jaw.leftCandidates();
        int[] defaults = model.landmarkVertices();
        for (int i = 0; i <= 16; i++) {
            if (i == CHIN) {
                continue;
            }
            int[] candidates = i < CHIN ? right : left;
            double lx = landmarks.x(i), ly = landmarks.y(i);
            int best = defaults[i];
            double bestD = distance2(positions, best, r, pose, lx, ly);
            for (int c : candidates) {
                double d = distance2(positions, c, r, pose, lx, ly);
                if (d < bestD) {
                    bestD = d;
                    best = c;
                }
            }
            vertices[i] = best;
        }
        return vertices;
    }

    private static double distance2(float[] p, int v, double[] r, double[] pose, double lx, double ly) {
        double x = p[3 * v], y = p[3 * v + 1], z = p[3 * v + 2];
        double s = pose[PoseBlock.SCALE];
        double u = pose[PoseBlock.TX] + s * (r[0] * x + r[1] * y + r[2] * z);
        double w = pose[PoseBlock.TY] - s * (r[3] * x + r[4] * y + r[5] * z);
        return (u - lx) * (u - lx) + (w - ly) * (w - ly);
    }
}
