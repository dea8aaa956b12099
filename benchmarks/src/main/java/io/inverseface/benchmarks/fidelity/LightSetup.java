package io.inverseface.benchmarks.fidelity;

/**
 * The lighting of a scan render, fixed to the camera (a studio's lamps do not turn with the head).
 * Directions point from the surface towards the light, in the view frame (x right, y up, z towards the
 * camera). Irradiance is {@code ambient + intensity·max(0, n·l)·lit} (the hard lights, shadowed through a
 * {@link ShadowMap}, plus a weak Blinn-Phong highlight as skin has), or for {@link #SOFT} the smooth
 * second-order spherical-harmonics version of it with no shadows — the model the fit itself assumes.
 */
public enum LightSetup {
    /** Soft: strong ambient plus a weak key light from the upper front-left, SH-smooth, no shadows. */
    SOFT(-0.3, 0.4, 1.0, 0.40, 0.72, false, 0.0),
    /** Hard side light from the camera's right, shadowed (the nose and the brow cast shadows). */
    SIDE(0.9, 0.15, 0.4, 1.25, 0.13, true, 0.05),
    /** Hard light from above and slightly in front, shadowed (eye sockets, under the nose and the chin). */
    TOP(0.0, 1.0, 0.35, 1.15, 0.20, true, 0.05);

    private final double dx, dy, dz, intensity, ambient, specular;
    private final boolean hard;

    LightSetup(double dx, double dy, double dz, double intensity, double ambient, boolean hard, double specular) {
        double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
        this.dx = dx / len;
        this.dy = dy / len;
        this.dz = dz / len;
        this.intensity = intensity;
        this.ambient = ambient;
        this.hard = hard;
        this.specular = specular;
    }

    /** Unit direction towards the light, view frame, as a fresh array. */
    public double[] direction() {
        return new double[] {dx, dy, dz};
    }

    public double intensity() {
        return intensity;
    }

    public double ambient() {
        return ambient;
    }

    /** True for a hard directional light with cast shadows; false for the soft SH light. */
    public boolean hard() {
        return hard;
    }

    /** Weight of the specular highlight (0 for none). */
    public double specular() {
        return specular;
    }
}
