package io.inverseface.core.model;

/**
 * Vertices that can stand in for the 17 jaw-contour landmarks (iBUG 0..16) when the head turns:
 * the visible contour then slides over the cheek, so a fitter picks, per landmark, the candidate
 * vertex that lies on the silhouette.
 *
 * @param rightAlternatives  one alternative vertex per iBUG landmark 0..7 (subject's right side)
 * @param leftAlternatives   one alternative vertex per iBUG landmark 9..16 (subject's left side)
 * @param rightCandidates    ordered contour candidates on the right side (top to chin)
 * @param leftCandidates     ordered contour candidates on the left side (chin side first as stored)
 */
public record Jawline(int[] rightAlternatives, int[] leftAlternatives, int[] rightCandidates, int[] leftCandidates) {

    public Jawline {
        rightAlternatives = rightAlternatives.clone();
        leftAlternatives = leftAlternatives.clone();
        rightCandidates = rightCandidates.clone();
        leftCandidates = leftCandidates.clone();
    }

    /**
     * The alternative vertex for iBUG landmark {@code ibug} (0..16), or −1 when it has none
     * (the chin, 8).
     */
    public int alternativeFor(int ibug) {
        if (ibug >= 0 && ibug < rightAlternatives.length) {
            return rightAlternatives[ibug];
        }
        int j = ibug - 9;
        if (j >= 0 && j < leftAlternatives.length) {
            return leftAlternatives[j];
        }
        return -1;
    }

    @Override
    public int[] rightAlternatives() {
        return rightAlternatives.clone();
    }

    @Override
    public int[] leftAlternatives() {
        return leftAlternatives.clone();
    }

    @Override
    public int[] rightCandidates() {
        return rightCandidates.clone();
    }

    @Override
    public int[] leftCandidates() {
        return leftCandidates.clone();
    }
}
