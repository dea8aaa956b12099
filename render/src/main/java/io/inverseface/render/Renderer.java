package io.inverseface.render;

import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Lambertian spherical-harmonics renderer on top of the {@link Rasterizer}: for each visible pixel the
 * vertex normals (area-weighted, rotated into the view frame by the camera's pose) and per-vertex albedo
 * are interpolated with the pixel's barycentrics, the normal is renormalised and the colour is
 * {@code C_c = ρ_c · Σ_i L_{c,i}·φ_i(n)} (see {@link SphericalHarmonicsLighting}). Empty pixels get the
 * background colour. Not thread-safe (it owns a rasterizer with reusable buffers).
 */
public final class Renderer {
    /** Albedo used by {@link #renderShaded}. */
    public static final float GREY_ALBEDO = 0.8f;

    private final Rasterizer rasterizer;
    private final float bgR, bgG, bgB;

    private Renderer(Rasterizer rasterizer, float bgR, float bgG, float bgB) {
        this.rasterizer = Objects.requireNonNull(rasterizer, "rasterizer");
        this.bgR = bgR;
        this.bgG = bgG;
        this.bgB = bgB;
    }

    /** Default rasterizer, black background. */
    public static Renderer create() {
        return new Renderer(Rasterizer.create(), 0f, 0f, 0f);
    }

    /** A renderer using the given rasterizer, black background. */
    public static Renderer using(Rasterizer rasterizer) {
        return new Renderer(rasterizer, 0f, 0f, 0f);
    }

    /** A renderer with the same rasterizer settings and another background colour. */
    public Renderer withBackground(float r, float g, float b) {
        return new Renderer(rasterizer, r, g, b);
    }

    public Rasterizer rasterizer() {
        return rasterizer;
    }

    /**
     * Renders the mesh with per-vertex albedo ({@code albedo}: r, g, b per vertex, length 3·V) under the
     * lighting, seen by the camera.
     */
    public Rendering render(Mesh mesh, float[] albedo, SphericalHarmonicsLighting lighting, Camera camera) {
        Objects.requireNonNull(mesh, "mesh");
        Objects.requireNonNull(lighting, "lighting");
        Objects.requireNonNull(camera, "camera");
        if (albedo == null || albedo.length != mesh.positions().length) {
            throw new IllegalArgumentException("albedo needs 3 values per vertex (" + mesh.positions().length + "), got "
                    + (albedo == null ? "null" : albedo.length));
        }
        VisibilityBuffer vis = new VisibilityBuffer(camera.width(), camera.height());
        rasterizer.rasterize(mesh, camera, vis);
        float[] normals = mesh.vertexNormals();
        double[] tmp = new double[3];
        for (int i = 0; i < normals.length; i += 3) {
            camera.rotateToView(normals[i], normals[i + 1], normals[i + 2], tmp);
            normals[i] = (float) tmp[0]; normals[i + 1] = (float) tmp[1]; normals[i + 2] = (float) tmp[2];
        }
        RgbImage color = new RgbImage(camera.width(), camera.height());
        RgbImage normalImage = new RgbImage(camera.width(), camera.height());
        shade(vis, mesh.triangles(), normals, albedo, lighting, color, normalImage);
        return new Rendering(color, normalImage, vis);
    }

    /** Renders with uniform grey albedo ({@value #GREY_ALBEDO}) for pictures of the geometry. */
    public Rendering renderShaded(Mesh mesh, SphericalHarmonicsLighting lighting, Camera camera) {
        float[] grey = new float[mesh.positions().length];
        java.util.Arrays.fill(grey, GREY_ALBEDO);
        return render(mesh, grey, lighting, camera);
    }

    /** Grey geometry under a default light from the upper front-left of the viewer. */
    public Rendering renderShaded(Mesh mesh, Camera camera) {
        return renderShaded(mesh, SphericalHarmonicsLighting.fromDirectional(-0.3, 0.4, 1.0, 0.8, 0.3), camera);
    }

    private void shade(VisibilityBuffer vis, int[] tri, float[] viewNormals, float[] albedo,
                       SphericalHarmonicsLighting lighting, RgbImage color, RgbImage normalImage) {
        int w = vis.width();
        int[] ids = vis.triangleId();
        float[] b0 = vis.bary0(), b1 = vis.bary1();
        float[] cr = color.r(), cg = color.g(), cb = color.b();
        float[] nr = normalImage.r(), ng = normalImage.g(), nb = normalImage.b();
        IntStream.range(0, vis.height()).parallel().forEach(y -> {
            for (int idx = y * w, end = idx + w; idx < end; idx++) {
                int t = ids[idx];
                if (t == VisibilityBuffer.EMPTY) {
                    cr[idx] = bgR; cg[idx] = bgG; cb[idx] = bgB;
                    continue;
                }
                float l0 = b0[idx], l1 = b1[idx], l2 = 1f - l0 - l1;
                int a = 3 * tri[3 * t], b = 3 * tri[3 * t + 1], c = 3 * tri[3 * t + 2];
                double nx = l0 * viewNormals[a] + l1 * viewNormals[b] + l2 * viewNormals[c];
                double ny = l0 * viewNormals[a + 1] + l1 * viewNormals[b + 1] + l2 * viewNormals[c + 1];
                double nz = l0 * viewNormals[a + 2] + l1 * viewNormals[b + 2] + l2 * viewNormals[c + 2];
                double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
                if (len > 0) {
                    nx /= len; ny /= len; nz /= len;
                }
                cr[idx] = (float) ((l0 * albedo[a] + l1 * albedo[b] + l2 * albedo[c]) * lighting.irradiance(nx, ny, nz, 0));
                cg[idx] = (float) ((l0 * albedo[a + 1] + l1 * albedo[b + 1] + l2 * albedo[c + 1]) * lighting.irradiance(nx, ny, nz, 1));
                cb[idx] = (float) ((l0 * albedo[a + 2] + l1 * albedo[b + 2] + l2 * albedo[c + 2]) * lighting.irradiance(nx, ny, nz, 2));
                nr[idx] = (float) (0.5 * (nx + 1)); ng[idx] = (float) (0.5 * (ny + 1)); nb[idx] = (float) (0.5 * (nz + 1));
            }
        });
    }
}
