package io.inverseface.core.coarse;

import io.inverseface.core.fit.photometric.SkinColourModel;
import io.inverseface.render.Rendering;
import io.inverseface.render.RgbImage;
import io.inverseface.render.VisibilityBuffer;

/**
 * The per-pixel face mask: for every pixel the fitted face covers, the probability that the photo shows
 * the face's skin there ({@link SkinColourModel} fitted to all covered pixels, the photo against the
 * rendered fit); 0 where the face does not reach. Hair, glasses, beards, hands and background inside the
 * outline come out dark. The detail stage leaves masked pixels out of its data, and it is written as a
 * picture for the user to see what the fit ignored.
 */
public final class SkinMask {
    /** Most covered pixels the colour model is fitted to (an even stride over them). */
    static final int MAX_FIT_PIXELS = 20_000;

    private SkinMask() {
    }

    /**
     * @param photo     the photo
     * @param rendering the fitted face rendered at the photo's size (albedo × shading, coverage)
     */
    public static RgbImage of(RgbImage photo, Rendering rendering) {
        int w = photo.width(), h = photo.height();
        RgbImage mask = new RgbImage(w, h);
        int[] ids = rendering.visibility().triangleId();
        RgbImage fit = rendering.color();
        int covered = 0;
        for (int id : ids) {
            if (id != VisibilityBuffer.EMPTY) {
                covered++;
            }
        }
        if (covered < SkinColourModel.MIN_SAMPLES) {
            return mask;
        }
        int stride = Math.max(1, covered / MAX_FIT_PIXELS);
        int m = (covered + stride - 1) / stride;
        double[] observed = new double[3 * m], predicted = new double[3 * m];
        float[][] in = {photo.channel(0), photo.channel(1), photo.channel(2)};
        float[][] pr = {fit.channel(0), fit.channel(1), fit.channel(2)};
        int k = 0, seen = 0;
        for (int i = 0; i < ids.length && k < m; i++) {
            if (ids[i] != VisibilityBuffer.EMPTY && seen++ % stride == 0) {
                for (int c = 0; c < 3; c++) {
                    observed[3 * k + c] = in[c][i];
                    predicted[3 * k + c] = pr[c][i];
                }
                k++;
            }
        }
        SkinColourModel skin = SkinColourModel.fit(java.util.Arrays.copyOf(observed, 3 * k),
                java.util.Arrays.copyOf(predicted, 3 * k));
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != VisibilityBuffer.EMPTY) {
                float p = (float) skin.probability(in[0][i], in[1][i], in[2][i], pr[0][i], pr[1][i], pr[2][i]);
                mask.set(i % w, i / w, p, p, p);
            }
        }
        return mask;
    }
}
