package io.inverseface.core.model;

import io.inverseface.render.Mesh;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable 3D morphable face model: shape {@code F = mean + A_id·α_id + A_exp·α_exp}
 * (millimetres, x to the subject's left, y up, z towards the viewer) and albedo
 * {@code ρ = ρ̄ + A_alb·α_alb} (linear RGB per vertex in [0, 1]), over a fixed triangle mesh with
 * UVs, 68 iBUG landmark vertices, jawline alternatives and named regions.
 * <p>
 * Vectors are flattened per vertex: {@code [x0, y0, z0, x1, ...]} for shapes and
 * {@code [r0, g0, b0, r1, ...]} for albedo. Build one with a {@link FaceModelLoader}
 * (see {@link FaceModels}).
 */
public final class FaceModel {
    private final String name;
    private final Basis identity;
    private final Basis expression;
    private final Basis albedo;
    private final double[] expressionLower;
    private final double[] expressionUpper;
    private final int[] triangles;
    private final float[] uvs;
    private final int[] uvTriangles;
    private final int[] landmarks;
    private final Jawline jawline;
    private final int narrowVertexCount;
    private final Map<FaceRegion, int[]> regionVertices;
    private final Map<FaceRegion, int[]> regionTriangles;
    /** Computed on first use: hashing the bases takes a few tens of milliseconds. */
    private volatile String contentHash;

    private FaceModel(Builder b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.identity = Objects.requireNonNull(b.identity, "identity");
        this.expression = Objects.requireNonNull(b.expression, "expression");
        this.albedo = Objects.requireNonNull(b.albedo, "albedo");
        this.triangles = Objects.requireNonNull(b.triangles, "triangles").clone();
        this.uvs = Objects.requireNonNull(b.uvs, "uvs").clone();
        this.uvTriangles = Objects.requireNonNull(b.uvTriangles, "uvTriangles").clone();
        this.landmarks = Objects.requireNonNull(b.landmarks, "landmarks").clone();
        this.jawline = Objects.requireNonNull(b.jawline, "jawline");
        int d = identity.dimension();
        if (d % 3 != 0 || expression.dimension() != d || albedo.dimension() != d) {
            throw new IllegalArgumentException("basis dimensions differ: identity " + d + ", expression "
                    + expression.dimension() + ", albedo " + albedo.dimension());
        }
        int v = d / 3;
        checkIndices("triangles", triangles, v);
        checkIndices("landmarks", landmarks, v);
        if (uvTriangles.length != triangles.length) {
            throw new IllegalArgumentException("uvTriangles length " + uvTriangles.length + " != triangles length " + triangles.length);
        }
        checkIndices("uvTriangles", uvTriangles, uvs.length / 2);
        int e = expression.modeCount();
        this.expressionLower = b.expressionLower != null ? b.expressionLower.clone() : new double[e];
        this.expressionUpper = b.expressionUpper != null ? b.expressionUpper.clone() : filled(e, 1.0);
        if (expressionLower.length != e || expressionUpper.length != e) {
            throw new IllegalArgumentException("expression bounds need " + e + " entries");
        }
        int narrow = b.narrowVertexCount > 0 ? b.narrowVertexCount : v;
        if (narrow > v) {
            throw new IllegalArgumentException("narrow region " + narrow + " > vertex count " + v);
        }
        this.narrowVertexCount = narrow;
        this.regionVertices = new EnumMap<>(FaceRegion.class);
        this.regionTriangles = new EnumMap<>(FaceRegion.class);
        int[] all = new int[v];
        for (int i = 0; i < v; i++) {
            all[i] = i;
        }
        regionVertices.put(FaceRegion.FULL, all);
        regionVertices.put(FaceRegion.NARROW, java.util.Arrays.copyOf(all, narrow));
        for (FaceRegion r : FaceRegion.values()) {
            regionTriangles.put(r, trianglesWithin(regionMask(r, v)));
        }
    }

    private boolean[] regionMask(FaceRegion r, int v) {
        boolean[] mask = new boolean[v];
        for (int i : regionVertices.get(r)) {
            mask[i] = true;
        }
        return mask;
    }

    private int[] trianglesWithin(boolean[] mask) {
        int count = 0;
        int[] tmp = new int[triangles.length / 3];
        for (int t = 0; t < tmp.length; t++) {
            if (mask[triangles[3 * t]] && mask[triangles[3 * t + 1]] && mask[triangles[3 * t + 2]]) {
                tmp[count++] = t;
            }
        }
        return java.util.Arrays.copyOf(tmp, count);
    }

    private static void checkIndices(String what, int[] idx, int bound) {
        if (idx.length % (what.equals("landmarks") ? 1 : 3) != 0) {
            throw new IllegalArgumentException(what + " length " + idx.length + " is not a multiple of 3");
        }
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= bound) {
                throw new IllegalArgumentException(what + "[" + i + "] = " + idx[i] + " outside [0, " + bound + ")");
            }
        }
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * SHA-256 (hex) of everything a fit reads from the model: its name, the three bases (means, modes,
     * σ, names), the expression bounds, triangles, UVs, landmark and jawline vertices and the narrow
     * region. Two models with equal hashes give equal fits; batch resume uses it to tell results made
     * with another model apart.
     */
    public String contentHash() {
        String h = contentHash;
        if (h == null) {
            h = ModelHash.of(this);
            contentHash = h;
        }
        return h;
    }

    /** A short name of the model (e.g. "ict-face-light"). */
    public String name() {
        return name;
    }

    public int vertexCount() {
        return identity.dimension() / 3;
    }

    public int triangleCount() {
        return triangles.length / 3;
    }

    /** A copy of the mean (neutral) shape, xyz per vertex in millimetres. */
    public float[] meanShape() {
        return identity.mean();
    }

    /** The identity basis (mean = neutral shape); ICT modes are pre-scaled so σ = 1. */
    public Basis identityBasis() {
        return identity;
    }

    /** The expression basis (blendshape offsets; mean = neutral shape); names in {@link Basis#names()}. */
    public Basis expressionBasis() {
        return expression;
    }

    /** The albedo basis: mean albedo and smooth modes with decreasing σ. */
    public Basis albedoBasis() {
        return albedo;
    }

    public int identityCount() {
        return identity.modeCount();
    }

    public int expressionCount() {
        return expression.modeCount();
    }

    public int albedoCount() {
        return albedo.modeCount();
    }

    /** Expression names in coefficient order. */
    public List<String> expressionNames() {
        return expression.names();
    }

    /** Lower bounds of the expression weights (0 for blendshapes). */
    public double[] expressionLowerBound() {
        return expressionLower.clone();
    }

    /** Upper bounds of the expression weights (1 for blendshapes). */
    public double[] expressionUpperBound() {
        return expressionUpper.clone();
    }

    /** A copy of the triangle vertex indices (3 per triangle, counter-clockwise seen from outside). */
    public int[] triangles() {
        return triangles.clone();
    }

    /** A copy of the texture coordinates (u, v per UV). */
    public float[] uvs() {
        return uvs.clone();
    }

    /** A copy of the UV indices of each triangle corner (parallel to {@link #triangles()}). */
    public int[] uvTriangles() {
        return uvTriangles.clone();
    }

    /** A copy of the 68 iBUG landmark vertex indices. */
    public int[] landmarkVertices() {
        return landmarks.clone();
    }

    /**
     * The same model with the 68 iBUG points on other vertices (a {@link LandmarkEmbedding}), everything
     * else shared.
     *
     * @param landmarkVertices 68 vertex indices
     */
    public FaceModel withLandmarks(int[] landmarkVertices) {
        if (landmarkVertices.length != landmarks.length) {
            throw new IllegalArgumentException("need " + landmarks.length + " landmark vertices, got " + landmarkVertices.length);
        }
        return builder().name(name).identity(identity).expression(expression).albedo(albedo)
                .expressionBounds(expressionLower, expressionUpper).triangles(triangles).uvs(uvs, uvTriangles)
                .landmarks(landmarkVertices).jawline(jawline).narrowVertexCount(narrowVertexCount).build();
    }

    public Jawline jawline() {
        return jawline;
    }

    /** A copy of the vertex indices of a region (sorted). */
    public int[] regionVertices(FaceRegion region) {
        return regionVertices.get(region).clone();
    }

    /** A per-vertex mask of a region. */
    public boolean[] regionMask(FaceRegion region) {
        return regionMask(region, vertexCount());
    }

    /** A copy of the indices of the triangles whose three vertices lie in the region. */
    public int[] regionTriangleIndices(FaceRegion region) {
        return regionTriangles.get(region).clone();
    }

    /** The vertex index triples of the region's triangles (3 per triangle). */
    public int[] regionTriangles(FaceRegion region) {
        int[] ids = regionTriangles.get(region);
        int[] out = new int[3 * ids.length];
        for (int i = 0; i < ids.length; i++) {
            System.arraycopy(triangles, 3 * ids[i], out, 3 * i, 3);
        }
        return out;
    }

    /** Shape {@code mean + A_id·identity + A_exp·expression} into a new array. */
    public float[] instance(double[] identityCoefficients, double[] expressionCoefficients) {
        float[] out = new float[identity.dimension()];
        instance(identityCoefficients, expressionCoefficients, out);
        return out;
    }

    /**
     * Shape {@code mean + A_id·identity + A_exp·expression} into {@code out} (length 3·V) without
     * allocating. Either coefficient array may be shorter than its basis (missing ones are 0).
     */
    public void instance(double[] identityCoefficients, double[] expressionCoefficients, float[] out) {
        identity.evaluate(identityCoefficients, out);
        expression.accumulate(expressionCoefficients, out);
    }

    /** Albedo {@code ρ̄ + A_alb·coefficients}, RGB per vertex, into a new array. */
    public float[] albedo(double[] coefficients) {
        return albedo.evaluate(coefficients);
    }

    /** Albedo into {@code out} (length 3·V) without allocating. */
    public void albedo(double[] coefficients, float[] out) {
        albedo.evaluate(coefficients, out);
    }

    /** Area-weighted unit vertex normals of a shape of this model. */
    public float[] vertexNormals(float[] vertices) {
        float[] out = new float[vertices.length];
        vertexNormals(vertices, out);
        return out;
    }

    /** Vertex normals into {@code out} without allocating. */
    public void vertexNormals(float[] vertices, float[] out) {
        if (vertices.length != identity.dimension() || out.length != vertices.length) {
            throw new IllegalArgumentException("vertices/out length must be " + identity.dimension());
        }
        Mesh.vertexNormals(vertices, triangles, out);
    }

    /** A render mesh over {@code vertices} (owned by the mesh from now on) and this model's triangles. */
    public Mesh toMesh(float[] vertices) {
        if (vertices.length != identity.dimension()) {
            throw new IllegalArgumentException("vertices length " + vertices.length + " != " + identity.dimension());
        }
        return new Mesh(vertices, triangles.clone());
    }

    @Override
    public String toString() {
        return "FaceModel[" + name + ": " + vertexCount() + " vertices, " + triangleCount() + " triangles, "
                + identityCount() + " identity, " + expressionCount() + " expression, " + albedoCount() + " albedo modes]";
    }

    /** Assembles a {@link FaceModel}; used by loaders. */
    public static final class Builder {
        private String name;
        private Basis identity;
        private Basis expression;
        private Basis albedo;
        private double[] expressionLower;
        private double[] expressionUpper;
        private int[] triangles;
        private float[] uvs;
        private int[] uvTriangles;
        private int[] landmarks;
        private Jawline jawline;
        private int narrowVertexCount;

        private Builder() {
        }

        public Builder name(String name) { this.name = name; return this; }
        /** Identity basis; its mean is the model's mean shape. */
        public Builder identity(Basis identity) { this.identity = identity; return this; }
        /** Expression basis; its mean must equal the identity mean (it is not added twice). */
        public Builder expression(Basis expression) { this.expression = expression; return this; }
        public Builder albedo(Basis albedo) { this.albedo = albedo; return this; }
        public Builder expressionBounds(double[] lower, double[] upper) { this.expressionLower = lower; this.expressionUpper = upper; return this; }
        public Builder triangles(int[] triangles) { this.triangles = triangles; return this; }
        public Builder uvs(float[] uvs, int[] uvTriangles) { this.uvs = uvs; this.uvTriangles = uvTriangles; return this; }
        public Builder landmarks(int[] landmarks) { this.landmarks = landmarks; return this; }
        public Builder jawline(Jawline jawline) { this.jawline = jawline; return this; }
        /** The narrow region is the vertex prefix {@code 0..count-1} (0: all vertices). */
        public Builder narrowVertexCount(int count) { this.narrowVertexCount = count; return this; }

        public FaceModel build() {
            return new FaceModel(this);
        }
    }
}
