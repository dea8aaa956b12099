package io.inverseface.benchmarks.fidelity;

/**
 * One NoW-style comparison of a reconstruction with the scan.
 *
 * @param mode            the alignment used
 * @param error           area-weighted distances (mm) from the scan's face-region vertices to the aligned
 *                        reconstructed surface
 * @param transform       reconstruction frame → scan frame
 * @param landmarkRmsMm   RMS distance of the 51 inner landmarks after the initial landmark alignment, mm
 * @param iterations      ICP iterations run
 * @param interiorArea    fraction of the region's area whose nearest reconstructed point is not on the
 *                        reconstruction's border (the rest lies beyond the reconstructed surface's extent)
 * @param signedMm        per face-region vertex ({@link ScanFaceRegion} order), its distance signed along the
 *                        scan's outward normal: &gt; 0 where the reconstruction lies in front of the scan, mm
 */
public record NowResult(AlignmentMode mode, WeightedStats error, SimilarityTransform transform, double landmarkRmsMm,
                        int iterations, double interiorArea, double[] signedMm) {

    public double median() {
        return error.median();
    }

    public double mean() {
        return error.mean();
    }

    public double std() {
        return error.std();
    }
}
