package io.inverseface.core.fit;

import io.inverseface.core.model.Basis;
import io.inverseface.core.model.FaceModel;

/**
 * The model's shape and albedo bases re-laid out vertex-major, so that a term touching a few hundred
 * vertices reads each vertex's modes from one contiguous run instead of striding through the
 * mode-major {@link Basis}. Shape: {@code shape[(v·K + k)·3 + d]} for the {@code K = identityCount +
 * expressionCount} modes (identity first); albedo: {@code albedo[(v·Ka + k)·3 + c]}. Built once per
 * model and options, immutable, shared by every fit and thread.
 */
public final class VertexMajorBases {

    private final int vertexCount;
    private final int identityCount;
    private final int expressionCount;
    private final int albedoCount;
    private final float[] meanShape;
    private final float[] meanAlbedo;
    private final float[] shape;
    private final float[] albedo;

    private VertexMajorBases(VertexMajorBases colour, float[] meanAlbedo, float[] albedo) {
        this.vertexCount = colour.vertexCount;
        this.identityCount = colour.identityCount;
        this.expressionCount = colour.expressionCount;
        this.albedoCount = colour.albedoCount;
        this.meanShape = colour.meanShape;
        this.shape = colour.shape;
        this.meanAlbedo = meanAlbedo;
        this.albedo = albedo;
    }

    private VertexMajorBases(FaceModel model, int identityCount, int albedoCount) {
        this.vertexCount = model.vertexCount();
        this.identityCount = identityCount;
        this.expressionCount = model.expressionCount();
        this.albedoCount = albedoCount;
        this.meanShape = model.meanShape();
        this.meanAlbedo = model.albedoBasis().mean();
        int k = identityCount + expressionCount;
        this.shape = new float[vertexCount * k * 3];
        copy(model.identityBasis(), 0, identityCount, k, shape);
        copy(model.expressionBasis(), identityCount, expressionCount, k, shape);
        this.albedo = new float[vertexCount * albedoCount * 3];
        copy(model.albedoBasis(), 0, albedoCount, albedoCount, albedo);
    }

    /** All albedo modes and the leading {@code identityCount} identity modes. */
    public static VertexMajorBases of(FaceModel model, int identityCount) {
        return of(model, identityCount, model.albedoCount());
    }

    /**
     * @param identityCount how many leading identity modes the fit uses (≤ the model's)
     * @param albedoCount   how many leading albedo modes the fit uses (≤ the model's)
     */
    public static VertexMajorBases of(FaceModel model, int identityCount, int albedoCount) {
        if (identityCount < 0 || identityCount > model.identityCount()) {
            throw new IllegalArgumentException("identity mode count " + identityCount + " not in [0, "
                    + model.identityCount() + "]");
        }
        if (albedoCount < 0 || albedoCount > model.albedoCount()) {
            throw new IllegalArgumentException("albedo mode count " + albedoCount + " not in [0, "
                    + model.albedoCount() + "]");
        }
        return new VertexMajorBases(model, identityCount, albedoCount);
    }

    /**
     * The same bases with a grey albedo, for grey photos: the mean and every mode are replaced by their
     * channel average {@code (r + g + b)/3} in all three channels, so no fit can invent skin colour that
     * the photo does not hold (lighting then stays grey as well). Shape tables are shared, not copied.
     */
    public VertexMajorBases greyAlbedo() {
        return new VertexMajorBases(this, grey(meanAlbedo), grey(albedo));
    }

    private static float[] grey(float[] rgb) {
        float[] out = new float[rgb.length];
        for (int i = 0; i < rgb.length; i += 3) {
            float m = (rgb[i] + rgb[i + 1] + rgb[i + 2]) / 3f;
            out[i] = m;
            out[i + 1] = m;
            out[i + 2] = m;
        }
        return out;
    }

    private void copy(Basis basis, int firstColumn, int count, int stride, float[] out) {
        for (int k = 0; k < count; k++) {
            for (int v = 0; v < vertexCount; v++) {
                int o = (v * stride + firstColumn + k) * 3;
                out[o] = basis.modeValue(k, 3 * v);
                out[o + 1] = basis.modeValue(k, 3 * v + 1);
                out[o + 2] = basis.modeValue(k, 3 * v + 2);
            }
        }
    }

    public int vertexCount() { return vertexCount; }
    public int identityCount() { return identityCount; }
    public int expressionCount() { return expressionCount; }
    public int shapeModeCount() { return identityCount + expressionCount; }
    public int albedoCount() { return albedoCount; }

    /** Per-vertex albedo {@code mean + Σ_k c_k·A_k} over the fitted modes, RGB per vertex. */
    public float[] albedo(double[] coefficients) {
        float[] out = new float[3 * vertexCount];
        double[] rgb = new double[3];
        for (int v = 0; v < vertexCount; v++) {
            albedo(v, coefficients, rgb, 0);
            out[3 * v] = (float) rgb[0];
            out[3 * v + 1] = (float) rgb[1];
            out[3 * v + 2] = (float) rgb[2];
        }
        return out;
    }

    /**
     * Position of vertex {@code v}: {@code mean + Σ id_k·A_id,k + Σ exp_k·A_exp,k} into {@code out[o..o+2]}.
     */
    public void position(int v, double[] identity, double[] expression, double[] out, int o) {
        int k = identityCount + expressionCount;
        int base = v * k * 3;
        double x = meanShape[3 * v], y = meanShape[3 * v + 1], z = meanShape[3 * v + 2];
        for (int i = 0; i < identityCount; i++) {
            double c = identity[i];
            int b = base + 3 * i;
            x += c * shape[b]; y += c * shape[b + 1]; z += c * shape[b + 2];
        }
        base += 3 * identityCount;
        for (int i = 0; i < expressionCount; i++) {
            double c = expression[i];
            int b = base + 3 * i;
            x += c * shape[b]; y += c * shape[b + 1]; z += c * shape[b + 2];
        }
        out[o] = x; out[o + 1] = y; out[o + 2] = z;
    }

    /** Albedo of vertex {@code v}, RGB into {@code out[o..o+2]}. */
    public void albedo(int v, double[] coefficients, double[] out, int o) {
        int base = v * albedoCount * 3;
        double r = meanAlbedo[3 * v], g = meanAlbedo[3 * v + 1], b = meanAlbedo[3 * v + 2];
        for (int i = 0; i < albedoCount; i++) {
            double c = coefficients[i];
            int q = base + 3 * i;
            r += c * albedo[q]; g += c * albedo[q + 1]; b += c * albedo[q + 2];
        }
        out[o] = r; out[o + 1] = g; out[o + 2] = b;
    }

    /** Offset of vertex {@code v}'s shape modes in {@link #shapeModes()}: {@code 3·K} floats follow. */
    public int shapeOffset(int v) {
        return v * (identityCount + expressionCount) * 3;
    }

    /** Offset of vertex {@code v}'s albedo modes in {@link #albedoModes()}: {@code 3·Ka} floats follow. */
    public int albedoOffset(int v) {
        return v * albedoCount * 3;
    }

    /** Mean positions, xyz per vertex (not copied: read-only by contract). */
    public float[] meanShape() {
        return meanShape;
    }

    /** Mean albedo, RGB per vertex (not copied: read-only by contract). */
    public float[] meanAlbedo() {
        return meanAlbedo;
    }

    /** The vertex-major shape table (not copied: read-only by contract, for hot loops). */
    public float[] shapeModes() {
        return shape;
    }

    /** The vertex-major albedo table (not copied: read-only by contract, for hot loops). */
    public float[] albedoModes() {
        return albedo;
    }
}
