package io.inverseface.core.synth;

import io.inverseface.core.detail.LoopSubdivision;
import io.inverseface.core.detail.RegionMesh;
import io.inverseface.core.detail.SubdividedMesh;

import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceRegion;
import io.inverseface.render.Mesh;
import io.inverseface.render.Pose;
import io.inverseface.render.Renderer;
import io.inverseface.render.RgbImage;
import io.inverseface.render.SphericalHarmonicsLighting;
import io.inverseface.render.WeakPerspectiveCamera;

/**
 * A synthetic detail scene: the model's mean face, refined by Loop subdivision, with known added
 * detail — Gaussian bumps of 0.4–1.5 mm and a V-shaped crease 1.5 mm deep across the forehead —
 * rendered under known lighting and albedo. The detail stage is then given the undisplaced surface and
 * must find the displacement.
 */
public final class SyntheticDetailScene {
    public final FaceModel model;
    public final float[] vertices;
    public final float[] albedo;
    public final int[] regionTriangles;
    public final SubdividedMesh fine;
    public final float[] fineNormals;
    public final float[] truth;
    public final float[] displaced;
    public final SphericalHarmonicsLighting lighting = SphericalHarmonicsLighting.fromDirectional(-0.4, 0.5, 1.0, 0.9, 0.35);
    public final Pose pose;
    public final RgbImage image;
    /** Crease: points within this distance (mm) of the line y = CREASE_Y on the forehead. */
    public static final double CREASE_Y = 55, CREASE_HALF_WIDTH = 2.0, CREASE_DEPTH = 1.5;

    /**
     * @param model        the face model (its mean face is the coarse surface)
     * @param subdivisions Loop subdivisions of the face region (as the detail stage will do)
     * @param yaw          head yaw, radians
     */
    public SyntheticDetailScene(FaceModel model, int subdivisions, double yaw) {
        this.model = model;
        this.vertices = model.meanShape();
        this.albedo = model.albedo(new double[0]);
        this.regionTriangles = model.regionTriangles(FaceRegion.NARROW);
        // The same region extraction and subdivision the stage does, to place the truth on its vertices.
        RegionMesh region = RegionMesh.of(regionTriangles, vertices.length / 3);
        float[] p0 = region.gather(vertices), rho0 = region.gather(albedo);
        int[] tri = region.triangles();
        fine = LoopSubdivision.subdivide(p0, tri, subdivisions);
        int n = fine.vertexCount();
        float[] p = fine.positions();
        fineNormals = new float[3 * n];
        Mesh.vertexNormals(p, fine.triangles(), fineNormals);
        truth = new float[n];
        double[][] bumps = {{-25, 20, 1.2, 4}, {30, 10, 0.8, 3}, {0, -35, -0.6, 3.5}, {-35, -20, 1.5, 5}, {20, 35, -1.0, 4}};
        for (int i = 0; i < n; i++) {
            double x = p[3 * i], y = p[3 * i + 1];
            double d = 0;
            for (double[] b : bumps) {
                double r2 = (x - b[0]) * (x - b[0]) + (y - b[1]) * (y - b[1]);
                d += b[2] * Math.exp(-r2 / (2 * b[3] * b[3]));
            }
            double dy = Math.abs(y - CREASE_Y);
            if (dy < CREASE_HALF_WIDTH && Math.abs(x) < 30) {
                d -= CREASE_DEPTH * (1 - dy / CREASE_HALF_WIDTH);
            }
            truth[i] = (float) d;
        }
        displaced = new float[3 * n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                displaced[3 * i + c] = p[3 * i + c] + fineNormals[3 * i + c] * truth[i];
            }
        }
        int size = 640;
        pose = Pose.weakPerspective(0.05, yaw, 0.0, size / 2.0, size / 2.0 - 20, 3.0);
        float[] fineAlbedo = fine.carry(rho0, 3);
        image = Renderer.create().withBackground(0.2f, 0.2f, 0.2f)
                .render(new Mesh(displaced, fine.triangles()), fineAlbedo, lighting, new WeakPerspectiveCamera(pose, size, size))
                .color();
    }
}
