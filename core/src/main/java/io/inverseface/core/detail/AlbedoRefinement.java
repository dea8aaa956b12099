package io.inverseface.core.detail;

import io.inverseface.render.LambertianShading;
import io.inverseface.render.Mesh;
import io.inverseface.render.SphericalHarmonicsLighting;

/**
 * The albedo refinement after the detail geometry: {@code ρ_f = C_I / (Lᵀφ(n))} at each visible vertex,
 * blended {@code β·ρ_c + (1−β)·ρ_f}. Where the shading is below {@code minShading} the division is
 * unstable (grazing or dark), and the coarse albedo stays.
 *
 * @param beta       β, the weight of the coarse albedo
 * @param minShading the least shading at which the photo is divided by it
 */
record AlbedoRefinement(double beta, double minShading) {

    /** ρ = β·ρ_c + (1−β)·C_I / shading where the vertex is seen and well lit; ρ_c elsewhere. */
    float[] refine(float[] p, int[] t, float[] rho, double[] light, double[] r, boolean[] visible, double[] observed) {
        int n = p.length / 3;
        float[] normals = new float[3 * n];
        Mesh.vertexNormals(p, t, normals);
        float[] out = rho.clone();
        double[] phi = new double[9];
                for (int i = 0; i < n; i++) {
            if (!visible[i]) {
                continue;
            }
            double mx = normals[3 * i], my = normals[3 * i + 1], mz = normals[3 * i + 2];
            SphericalHarmonicsLighting.basis(r[0] * mx + r[1] * my + r[2] * mz, r[3] * mx + r[4] * my + r[5] * mz,
                    r[6] * mx + r[7] * my + r[8] * mz, phi);
            for (int c = 0; c < 3; c++) {
                double shade = LambertianShading.shade(light, c, phi);
                if (shade < minShading) {
                    continue;
                }
                double fineAlbedo = Math.min(1.0, Math.max(0.0, observed[3 * i + c] / shade));
                out[3 * i + c] = (float) (beta * rho[3 * i + c] + (1 - beta) * fineAlbedo);
            }
        }
        return out;
    }
}
