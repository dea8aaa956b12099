package io.inverseface.core.landmarks;

import io.inverseface.core.io.Landmarks;

/**
 * The left-right correspondence of the 68 iBUG points: which point a face's mirror image puts at
 * each index (jaw 0 ↔ 16, outer eye corners 36 ↔ 45, mouth corners 48 ↔ 54, …; the points on the
 * midline map to themselves).
 */
public final class MirroredLandmarks {

    private static final int[][] PAIRS = {
        {0, 16}, {1, 15}, {2, 14}, {3, 13}, {4, 12}, {5, 11}, {6, 10}, {7, 9},
        {17, 26}, {18, 25}, {19, 24}, {20, 23}, {21, 22},
        {31, 35}, {32, 34},
        {36, 45}, {37, 44}, {38, 43}, {39, 42}, {40, 47}, {41, 46},
        {48, 54}, {49, 53}, {50, 52}, {55, 59}, {56, 58},
        {60, 64}, {61, 63}, {65, 67},
    };
    private static final int[] PARTNER = new int[Landmarks.COUNT];

    static {
        for (int i = 0; i < Landmarks.COUNT; i++) {
            PARTNER[i] = i;
        }
        for (int[] p : PAIRS) {
            PARTNER[p[0]] = p[1];
            PARTNER[p[1]] = p[0];
        }
    }

    private MirroredLandmarks() {
    }

    /** @return the index that point {@code i} takes in the mirror image */
    public static int partner(int i) {
        return PARTNER[i];
    }

    /**
     * The mean of a face's points and of the points found on its mirror image (already mapped back to
     * the photo's pixels, indices still mirrored): {@code (p_i + q_partner(i)) / 2}.
     *
     * @param direct   the points from the crop as it is
     * @param mirrored the points from the flipped crop, in image pixels, indices of the mirror image
     * @return the mean, indices of the photo
     */
    static Landmarks mean(Landmarks direct, Landmarks mirrored) {
        double[] p = direct.coordinates();
        double[] q = mirrored.coordinates();
        double[] out = new double[p.length];
        for (int i = 0; i < Landmarks.COUNT; i++) {
            int j = PARTNER[i];
            out[2 * i] = 0.5 * (p[2 * i] + q[2 * j]);
            out[2 * i + 1] = 0.5 * (p[2 * i + 1] + q[2 * j + 1]);
        }
        return new Landmarks(out);
    }
}
