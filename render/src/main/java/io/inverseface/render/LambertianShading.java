package io.inverseface.render;

/**
 * Lambertian shading under 2nd-order SH light and its derivatives, the pieces every photometric term
 * needs: {@code C_c = ρ_c·s_c(n)} with {@code s_c(n) = Σ_k L_{c,k}·φ_k(n)} for the view-space unit normal
 * n (φ from {@link SphericalHarmonicsLighting#basis}, its derivative from
 * {@link SphericalHarmonicsLighting#basisDerivatives}). The light is the 27 coefficients, channel-major.
 * The coarse fit's photo-consistency term and the detail stage both use it, so the shading and its
 * derivative are written once on the host (the device kernel mirrors it).
 */
public final class LambertianShading {

    private LambertianShading() {
    }

    /** {@code s_c = Σ_k L_{c,k}·φ_k}. */
    public static double shade(double[] light, int channel, double[] phi) {
        int o = SphericalHarmonicsLighting.BASIS_SIZE * channel;
        double s = 0;
        for (int k = 0; k < SphericalHarmonicsLighting.BASIS_SIZE; k++) {
            s += light[o + k] * phi[k];
        }
        return s;
    }

    /** {@code h = ∂s_c/∂n = Σ_k L_{c,k}·∇φ_k} (view space) into {@code h[0..2]}. */
    public static void shadeGradient(double[] light, int channel, double[] dphi, double[] h) {
        int o = SphericalHarmonicsLighting.BASIS_SIZE * channel;
        double hx = 0, hy = 0, hz = 0;
        for (int k = 0; k < SphericalHarmonicsLighting.BASIS_SIZE; k++) {
            double l = light[o + k];
            hx += l * dphi[3 * k];
            hy += l * dphi[3 * k + 1];
            hz += l * dphi[3 * k + 2];
        }
        h[0] = hx;
        h[1] = hy;
        h[2] = hz;
    }

    /**
     * {@code g = ∂(ρ·s)/∂N} for an unnormalised model-space normal N = |N|·n̂ seen through the rotation R
     * (row-major, view = R·model): {@code g = ρ·(I − n̂n̂ᵀ)/|N| · Rᵀh}, into {@code g[0..2]}.
     *
     * @param m the unit normal n̂ (model space), {@code m[0..2]}
     * @param h {@link #shadeGradient} at R·n̂
     */
    public static void normalGradient(double[] r, double[] m, double length, double rho, double[] h, double[] g) {
        double qx = r[0] * h[0] + r[3] * h[1] + r[6] * h[2];
        double qy = r[1] * h[0] + r[4] * h[1] + r[7] * h[2];
        double qz = r[2] * h[0] + r[5] * h[1] + r[8] * h[2];
        double dot = m[0] * qx + m[1] * qy + m[2] * qz;
        g[0] = rho * (qx - m[0] * dot) / length;
        g[1] = rho * (qy - m[1] * dot) / length;
        g[2] = rho * (qz - m[2] * dot) / length;
    }
}
