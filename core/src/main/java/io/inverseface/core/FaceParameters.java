package io.inverseface.core;

import io.inverseface.render.Pose;
import io.inverseface.render.SphericalHarmonicsLighting;
import java.util.Arrays;
import java.util.Objects;

/**
 * Everything the coarse stage estimates, as one immutable value: shape
 * {@code F = mean + A_id·identity + A_exp·expression}, albedo {@code ρ = mean_alb + A_alb·albedo},
 * the weak-perspective {@link Pose} (pixels of the full-resolution input) and second-order SH lighting.
 * Arrays are copied on the way in and out.
 */
public record FaceParameters(double[] identity, double[] expression, double[] albedo, Pose pose,
                             SphericalHarmonicsLighting lighting) {

    public FaceParameters {
        identity = finiteCopy(identity, "identity");
        expression = finiteCopy(expression, "expression");
        albedo = finiteCopy(albedo, "albedo");
        Objects.requireNonNull(pose, "pose");
        Objects.requireNonNull(lighting, "lighting");
    }

    /** All-zero coefficients (the mean face and mean albedo). */
    public static FaceParameters neutral(int identityCount, int expressionCount, int albedoCount, Pose pose,
                                         SphericalHarmonicsLighting lighting) {
        return new FaceParameters(new double[identityCount], new double[expressionCount], new double[albedoCount],
                pose, lighting);
    }

    @Override
    public double[] identity() {
        return identity.clone();
    }

    @Override
    public double[] expression() {
        return expression.clone();
    }

    @Override
    public double[] albedo() {
        return albedo.clone();
    }

    public FaceParameters withPose(Pose newPose) {
        return new FaceParameters(identity, expression, albedo, newPose, lighting);
    }

    public FaceParameters withLighting(SphericalHarmonicsLighting newLighting) {
        return new FaceParameters(identity, expression, albedo, pose, newLighting);
    }

    private static double[] finiteCopy(double[] v, String what) {
        Objects.requireNonNull(v, what);
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(what + " coefficient " + i + " is not finite: " + v[i]);
            }
        }
        return v.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaceParameters p && Arrays.equals(identity, p.identity) && Arrays.equals(expression, p.expression)
                && Arrays.equals(albedo, p.albedo) && pose.equals(p.pose) && lighting.equals(p.lighting);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(identity), Arrays.hashCode(expression), Arrays.hashCode(albedo), pose, lighting);
    }

    @Override
    public String toString() {
        return "FaceParameters[identity=" + identity.length + ", expression=" + expression.length + ", albedo="
                + albedo.length + ", pose=" + pose + "]";
    }
}
