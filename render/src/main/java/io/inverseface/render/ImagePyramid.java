package io.inverseface.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Coarse-to-fine image pyramid: level 0 is the input, each further level is the previous one box-filtered
 * and downsampled by 2 ({@link ImageResize#downsample2}). A continuous pixel coordinate {@code x} at level 0
 * corresponds to {@code x·scale(level)} at a level (exactly {@code 2^−level} when sizes are even).
 */
public final class ImagePyramid {
    private final List<RgbImage> levels;

    private ImagePyramid(List<RgbImage> levels) {
        this.levels = List.copyOf(levels);
    }

    /**
     * Builds at most {@code maxLevels} levels, stopping early before either side would drop below
     * {@code minSide} pixels.
     */
    public static ImagePyramid build(RgbImage base, int maxLevels, int minSide) {
        if (maxLevels < 1) {
            throw new IllegalArgumentException("a pyramid needs at least one level, got " + maxLevels);
        }
        if (minSide < 1) {
            throw new IllegalArgumentException("minSide must be positive, got " + minSide);
        }
        List<RgbImage> list = new ArrayList<>();
        list.add(base);
        RgbImage cur = base;
        while (list.size() < maxLevels && (cur.width() + 1) / 2 >= minSide && (cur.height() + 1) / 2 >= minSide) {
            cur = ImageResize.downsample2(cur);
            list.add(cur);
        }
        return new ImagePyramid(list);
    }

    public int levelCount() {
        return levels.size();
    }

    /** Level {@code i} (0 = full resolution). */
    public RgbImage level(int i) {
        if (i < 0 || i >= levels.size()) {
            throw new IndexOutOfBoundsException("level " + i + " outside [0, " + levels.size() + ")");
        }
        return levels.get(i);
    }

    /** Coarsest level. */
    public RgbImage coarsest() {
        return levels.get(levels.size() - 1);
    }

    /** Horizontal scale of level {@code i} relative to level 0 ({@code width_i / width_0}). */
    public double scale(int i) {
        return level(i).width() / (double) levels.get(0).width();
    }
}
