package io.inverseface.core.detail;

/**
 * Settings of the detail stage, which minimises {@code ‖A·d − b‖² + μ1‖d‖² + μ2‖L·d‖₁} per round, with A
 * the photo-consistency residual (RGB in [0, 1] per visible vertex) linearised in the displacement d
 * (millimetres along the coarse normal) and L the row-normalised cotangent Laplacian
 * ({@link io.inverseface.render.CotangentLaplacian#rowNormalised()}).
 *
 * @param subdivisions   Loop subdivisions of the face region before solving (0 = the model's resolution)
 * @param rounds         linearise–solve rounds (normals depend on d, so a round re-linearises)
 * @param mu1            ridge weight μ1 (keeps d near the coarse surface where the image says nothing)
 * @param mu2            L1 weight μ2 on the Laplacian of d (smooth surfaces, sharp creases)
 * @param maxDisplacement displacements are clamped to ±this many millimetres after each round
 * @param albedoBlend    β in {@code ρ = β·ρ_coarse + (1−β)·ρ_fine}
 * @param minShading     vertices whose shading is below this keep the coarse albedo (ρ_f = C_I / shading is unstable there)
 * @param borderRings    rings of vertices around the region's border and openings kept out of the data term
 * @param robustThreshold δ of the Huber weights on each vertex's RGB error (0 = plain least squares)
 * @param regulariser    {@link Regulariser#L1} (the method: sharp creases) or {@link Regulariser#L2}
 *                       ({@code μ2‖L·d‖²}, one sparse Cholesky solve; for comparison)
 */
public record DetailOptions(int subdivisions, int rounds, double mu1, double mu2, double maxDisplacement,
                            double albedoBlend, double minShading, int borderRings, double robustThreshold,
                            Regulariser regulariser) {

    /** The penalty on the Laplacian of the displacement. */
    public enum Regulariser { L1, L2 }

    public DetailOptions {
        if (subdivisions < 0 || subdivisions > 3) {
            throw new IllegalArgumentException("subdivisions must be in [0, 3], got " + subdivisions);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1");
        }
        if (!(mu1 >= 0) || !(mu2 >= 0) || !(maxDisplacement > 0) || !(albedoBlend >= 0 && albedoBlend <= 1)
                || !(minShading > 0) || regulariser == null || borderRings < 0 || !(robustThreshold >= 0)) {
            throw new IllegalArgumentException("need mu1, mu2 >= 0, maxDisplacement > 0, albedoBlend in [0, 1], minShading > 0");
        }
    }

    public static DetailOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().subdivisions(subdivisions).rounds(rounds).mu1(mu1).mu2(mu2).maxDisplacement(maxDisplacement)
                .albedoBlend(albedoBlend).minShading(minShading).borderRings(borderRings).robustThreshold(robustThreshold)
                .regulariser(regulariser);
    }

    /** Fluent builder with the documented defaults. */
    public static final class Builder {
        private int subdivisions = 1;
        private int rounds = 1;
        private double mu1 = 3e-3;
        private double mu2 = 3e-2;
        private double maxDisplacement = 4.0;
        private double albedoBlend = 0.65;
        private double minShading = 0.15;
        private Regulariser regulariser = Regulariser.L1;
        private int borderRings = 3;
        private double robustThreshold = 0.1;

        public Builder subdivisions(int v) { subdivisions = v; return this; }
        public Builder rounds(int v) { rounds = v; return this; }
        public Builder mu1(double v) { mu1 = v; return this; }
        public Builder mu2(double v) { mu2 = v; return this; }
        public Builder maxDisplacement(double v) { maxDisplacement = v; return this; }
        public Builder albedoBlend(double v) { albedoBlend = v; return this; }
        public Builder minShading(double v) { minShading = v; return this; }
        public Builder regulariser(Regulariser v) { regulariser = v; return this; }
        public Builder borderRings(int v) { borderRings = v; return this; }
        public Builder robustThreshold(double v) { robustThreshold = v; return this; }

        public DetailOptions build() {
            return new DetailOptions(subdivisions, rounds, mu1, mu2, maxDisplacement, albedoBlend, minShading, borderRings,
                    robustThreshold, regulariser);
        }
    }
}
