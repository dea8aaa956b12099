package io.inverseface.render;

import java.util.Arrays;

/**
 * Second-order real spherical-harmonics lighting for Lambertian surfaces: 9 coefficients per colour
 * channel, stored channel-major {@code [r0..r8, g0..g8, b0..b8]}.
 *
 * <p>Basis ordering (unit normal n = (x, y, z), constants from Ramamoorthi &amp; Hanrahan 2001):
 * <pre>
 * Y0 = 0.282095                  (l=0)
 * Y1 = 0.488603·y, Y2 = 0.488603·z, Y3 = 0.488603·x            (l=1, m=−1,0,1)
 * Y4 = 1.092548·xy, Y5 = 1.092548·yz, Y6 = 0.315392·(3z²−1),
 * Y7 = 1.092548·xz, Y8 = 0.546274·(x²−y²)                        (l=2, m=−2..2)
 * </pre>
 * The Lambertian (clamped cosine) kernel's coefficients Â0 = π, Â1 = 2π/3, Â2 = π/4 are folded into the
 * convolved basis {@code φ_i(n) = Â_l(i)·Y_i(n)}, so irradiance is {@code E_c(n) = Σ_i L_{c,i}·φ_i(n)} and
 * the shaded colour is {@code C_c = ρ_c·E_c(n)} where {@code L} are the SH coefficients of the incoming
 * radiance. Normals are expected in the view frame (see {@link Camera#rotateToView}).
 */
public record SphericalHarmonicsLighting(double[] coefficients) {
    /** Coefficients per channel. */
    public static final int BASIS_SIZE = 9;
    /** Total coefficients (3 channels × 9). */
    public static final int COEFFICIENT_COUNT = 27;

    static final double K0 = 0.5 * Math.sqrt(1.0 / Math.PI);          // 0.282095
    static final double K1 = Math.sqrt(3.0 / (4.0 * Math.PI));         // 0.488603
    static final double K2 = 0.5 * Math.sqrt(15.0 / Math.PI);          // 1.092548
    static final double K20 = 0.25 * Math.sqrt(5.0 / Math.PI);         // 0.315392
    static final double K22 = 0.25 * Math.sqrt(15.0 / Math.PI);        // 0.546274
    static final double A0 = Math.PI, A1 = 2.0 * Math.PI / 3.0, A2 = Math.PI / 4.0;

    public SphericalHarmonicsLighting {
        if (coefficients == null || coefficients.length != COEFFICIENT_COUNT) {
            throw new IllegalArgumentException("SH lighting needs " + COEFFICIENT_COUNT + " coefficients, got "
                    + (coefficients == null ? "null" : coefficients.length));
        }
        for (int i = 0; i < COEFFICIENT_COUNT; i++) {
            if (!Double.isFinite(coefficients[i])) {
                throw new IllegalArgumentException("SH coefficient " + i + " is not finite: " + coefficients[i]);
            }
        }
        coefficients = coefficients.clone();
    }

    /** A copy of the 27 coefficients. */
    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** Coefficient {@code i} (0..8) of {@code channel} (0 = r, 1 = g, 2 = b). */
    public double coefficient(int channel, int i) {
        return coefficients[channel * BASIS_SIZE + i];
    }

    /** Unconvolved real SH basis Y_0..Y_8 at unit direction (x, y, z) into {@code out[9]}. */
    public static void unconvolvedBasis(double x, double y, double z, double[] out) {
        out[0] = K0;
        out[1] = K1 * y;
        out[2] = K1 * z;
        out[3] = K1 * x;
        out[4] = K2 * x * y;
        out[5] = K2 * y * z;
        out[6] = K20 * (3 * z * z - 1);
        out[7] = K2 * x * z;
        out[8] = K22 * (x * x - y * y);
    }

    /** Lambertian-convolved basis φ_i = Â_l·Y_i at unit normal (nx, ny, nz) into {@code out[9]}. */
    public static void basis(double nx, double ny, double nz, double[] out) {
        out[0] = A0 * K0;
        out[1] = A1 * K1 * ny;
        out[2] = A1 * K1 * nz;
        out[3] = A1 * K1 * nx;
        out[4] = A2 * K2 * nx * ny;
        out[5] = A2 * K2 * ny * nz;
        out[6] = A2 * K20 * (3 * nz * nz - 1);
        out[7] = A2 * K2 * nx * nz;
        out[8] = A2 * K22 * (nx * nx - ny * ny);
    }

    /**
     * Derivatives of the convolved basis with respect to the (unnormalised) normal components,
     * row-major 9×3 into {@code out[27]}: {@code out[3i + j] = ∂φ_i/∂n_j}. Chain through the
     * normalisation yourself if n is a function of a non-unit vector.
     */
    public static void basisDerivatives(double nx, double ny, double nz, double[] out) {
        Arrays.fill(out, 0, 27, 0.0);
        double c1 = A1 * K1, c2 = A2 * K2;
        out[3 + 1] = c1;                 // φ1 = c1·y
        out[6 + 2] = c1;                 // φ2 = c1·z
        out[9] = c1;                     // φ3 = c1·x
        out[12] = c2 * ny; out[13] = c2 * nx;              // φ4 = c2·xy
        out[16] = c2 * nz; out[17] = c2 * ny;              // φ5 = c2·yz
        out[20] = A2 * K20 * 6 * nz;                       // φ6 = c20·(3z²−1)
        out[21] = c2 * nz; out[23] = c2 * nx;              // φ7 = c2·xz
        out[24] = A2 * K22 * 2 * nx; out[25] = -A2 * K22 * 2 * ny; // φ8 = c22·(x²−y²)
    }

    /** Irradiance {@code E_c(n) = Σ L_{c,i}·φ_i(n)} for one channel at unit normal (nx, ny, nz). */
    public double irradiance(double nx, double ny, double nz, int channel) {
        if (channel < 0 || channel > 2) {
            throw new IllegalArgumentException("channel must be 0, 1 or 2, got " + channel);
        }
        int o = channel * BASIS_SIZE;
        double[] l = coefficients;
        return l[o] * A0 * K0
                + A1 * K1 * (l[o + 1] * ny + l[o + 2] * nz + l[o + 3] * nx)
                + A2 * (K2 * (l[o + 4] * nx * ny + l[o + 5] * ny * nz + l[o + 7] * nx * nz)
                        + K20 * l[o + 6] * (3 * nz * nz - 1) + K22 * l[o + 8] * (nx * nx - ny * ny));
    }

    /** Irradiance at a normal given as an array {@code n[0..2]}. */
    public double irradiance(double[] n, int channel) {
        return irradiance(n[0], n[1], n[2], channel);
    }

    /** Uniform white (grey) ambient light whose irradiance is {@code white} for every normal. */
    public static SphericalHarmonicsLighting ambient(double white) {
        double[] c = new double[COEFFICIENT_COUNT];
        double l0 = white / (A0 * K0);
        c[0] = l0; c[9] = l0; c[18] = l0;
        return new SphericalHarmonicsLighting(c);
    }

    /**
     * Ambient term plus a distant white light from unit direction (dx, dy, dz) (pointing from the surface
     * towards the light) of the given intensity: radiance coefficients {@code L_i = intensity·Y_i(d)} plus
     * {@code ambient/(π·Y0)} on the constant term, so that E(n) ≈ ambient + intensity·max(0, n·d) (the
     * second-order approximation of the clamped cosine).
     */
    public static SphericalHarmonicsLighting fromDirectional(double dx, double dy, double dz, double intensity, double ambient) {
        double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
        if (!(len > 0) || !Double.isFinite(len)) {
            throw new IllegalArgumentException("light direction must be non-zero and finite");
        }
        double[] y = new double[9];
        unconvolvedBasis(dx / len, dy / len, dz / len, y);
        double[] c = new double[COEFFICIENT_COUNT];
        for (int ch = 0; ch < 3; ch++) {
            for (int i = 0; i < 9; i++) {
                c[ch * 9 + i] = intensity * y[i];
            }
            c[ch * 9] += ambient / (A0 * K0);
        }
        return new SphericalHarmonicsLighting(c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SphericalHarmonicsLighting other && Arrays.equals(coefficients, other.coefficients);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coefficients);
    }

    @Override
    public String toString() {
        return "SphericalHarmonicsLighting" + Arrays.toString(coefficients);
    }
}
