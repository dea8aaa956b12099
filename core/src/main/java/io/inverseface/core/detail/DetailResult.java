package io.inverseface.core.detail;

import io.inverseface.render.Mesh;
import java.util.List;

/**
 * The detail stage's answer, on the subdivided face region.
 *
 * @param regionVertices model vertex index of each level-0 region vertex (the source of the subdivision)
 * @param subdivided     the refined, undisplaced coarse surface and its parent maps
 * @param displacement   d per fine vertex, millimetres along {@code coarseNormals}
 * @param positions      {@code p + n·d} per fine vertex
 * @param coarseNormals  unit normals of the undisplaced fine surface
 * @param coarseAlbedo   the coarse albedo carried to the fine vertices
 * @param albedo         the refined albedo {@code β·ρ_c + (1−β)·C_I / shading}
 * @param visible        which fine vertices were seen in the photo (the rest keep the coarse albedo and rely on the priors)
 * @param rounds         per linearise–solve round: figures of the L1 solve
 * @param seconds        wall time of the stage
 */
public record DetailResult(int[] regionVertices, SubdividedMesh subdivided, float[] displacement, float[] positions,
                           float[] coarseNormals, float[] coarseAlbedo, float[] albedo, boolean[] visible,
                           List<DetailRound> rounds, double seconds) {

    public DetailResult {
        rounds = List.copyOf(rounds);
    }

    /** The stage as a {@link io.inverseface.core.coarse.StageSummary}: time and the RGB RMS before and after. */
    public io.inverseface.core.coarse.StageSummary summary() {
        java.util.Map<String, Double> figures = new java.util.LinkedHashMap<>();
        if (!rounds.isEmpty()) {
            figures.put("rgb-rms-before", rounds.get(0).dataRmsBefore());
            figures.put("rgb-rms-after", rounds.get(rounds.size() - 1).dataRmsAfter());
        }
        return new io.inverseface.core.coarse.StageSummary("detail", seconds, figures, java.util.List.of());
    }

    /** The detailed mesh (positions shared, not copied). */
    public Mesh mesh() {
        return new Mesh(positions, subdivided.triangles());
    }

    /** The refined but undisplaced (coarse) surface, for comparison pictures. */
    public Mesh coarseMesh() {
        return new Mesh(subdivided.positions(), subdivided.triangles());
    }

    /**
     * One round of the detail solve.
     *
     * @param dataRmsBefore RMS RGB residual of the visible vertices before the round
     * @param dataRmsAfter  RMS RGB residual predicted by the linearisation after the round
     * @param iterations    ADMM iterations
     * @param converged     whether the ADMM residuals met their tolerances
     * @param objective     the L1 problem's objective at the solution
     * @param seconds       time of the round (linearisation and solve)
     */
    public record DetailRound(double dataRmsBefore, double dataRmsAfter, int iterations, boolean converged,
                              double objective, double seconds) {
    }
}
