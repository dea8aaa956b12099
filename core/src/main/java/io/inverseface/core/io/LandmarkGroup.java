package io.inverseface.core.io;

/**
 * The facial regions of the iBUG 68-point markup, as inclusive index ranges. "Left"/"right" are as
 * seen in the image (image-left = the subject's right).
 */
public enum LandmarkGroup {
    /** Jaw contour 0–16, from the image-left temple round the chin to the image-right temple. */
    JAW(0, 16),
    /** Both eyebrows 17–26 (17–21 image-left, 22–26 image-right). */
    BROWS(17, 26),
    /** Nose 27–35: bridge 27–30 (30 = tip), lower nose 31–35. */
    NOSE(27, 35),
    /** Both eyes 36–47 (36–41 image-left eye from its outer corner, 42–47 image-right eye). */
    EYES(36, 47),
    /** Mouth 48–67: outer lip 48–59, inner lip 60–67. */
    MOUTH(48, 67);

    private final int first;
    private final int last;

    LandmarkGroup(int first, int last) {
        this.first = first;
        this.last = last;
    }

    /** @return first index of the group */
    public int first() {
        return first;
    }

    /** @return last index of the group, inclusive */
    public int last() {
        return last;
    }

    /** @return number of points in the group */
    public int size() {
        return last - first + 1;
    }

    /** @return the indices of the group in increasing order (a fresh array) */
    public int[] indices() {
        int[] idx = new int[size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = first + i;
        }
        return idx;
    }

    /**
     * @param index a landmark index 0–67
     * @return whether it belongs to this group
     */
    public boolean contains(int index) {
        return index >= first && index <= last;
    }
}
