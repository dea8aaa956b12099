package io.inverseface.benchmarks.fidelity;

import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import io.inverseface.render.Mesh;
import io.inverseface.render.PinholeCamera;
import io.inverseface.render.Pose;
import io.inverseface.render.Rasterizer;
import io.inverseface.render.SphericalHarmonicsLighting;
import io.inverseface.render.VisibilityBuffer;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Photos of the textured scan taken with the project's own {@link Rasterizer}: a pinhole camera, the
 * texture sampled bilinearly at the perspective-correct interpolated UV, shaded by a {@link LightSetup}
 * (hard lights with a {@link ShadowMap}), composited over a {@link BackgroundKind}.
 *
 * <p>To look like a photo rather than a rasterization: shading is done in linear light (the texture is
 * decoded from sRGB, the result encoded back), every pixel is the mean of
 * {@value #SUPERSAMPLING}×{@value #SUPERSAMPLING} samples (anti-aliased silhouettes), and the picture
 * gets a little Gaussian sensor noise (σ = {@value #SENSOR_NOISE}).
 *
 * <p>Framing: the head turns about the centroid of its inner landmarks, which sits on the optical
 * axis; the distance is chosen so that in a frontal view the outer eye corners are
 * {@value #EYE_SPAN_FRACTION} of the image width apart (≈ 113 px of 512: a head-and-shoulders portrait).
 * The same framing at every field of view, so a wider one means a nearer camera and more perspective.
 * Thread-safe (no mutable state).
 */
public final class ScanRenderer {
    /** Samples per pixel along each axis. */
    public static final int SUPERSAMPLING = 2;
    /** Outer eye-corner distance over the image width in a frontal view. */
    public static final double EYE_SPAN_FRACTION = 0.22;
    /** Standard deviation of the sensor noise, in sRGB units. */
    public static final double SENSOR_NOISE = 0.008;
    /** Shadow-map pixel, mm. */
    private static final double SHADOW_PIXEL_MM = 0.4;

    private final ScanHead scan;
    private final float[] normals;       // world frame
    private final float[] texR, texG, texB; // linear light
    private final double[] centre = new double[3];
    private final double eyeSpanMm;
    private final Rasterizer rasterizer = Rasterizer.create();

    public ScanRenderer(ScanHead scan) {
        this.scan = scan;
        this.normals = new Mesh(scan.positions(), scan.triangles()).vertexNormals();
        RgbImage t = scan.texture();
        texR = linear(t.r());
        texG = linear(t.g());
        texB = linear(t.b());
        double[] lm = scan.landmarks();
        for (int k = NowMetric.FIRST_INNER_LANDMARK; k < 68; k++) {
            for (int d = 0; d < 3; d++) {
                centre[d] += lm[3 * k + d] / (68 - NowMetric.FIRST_INNER_LANDMARK);
            }
        }
        double[] a = scan.landmark(Landmarks.LEFT_EYE_OUTER), b = scan.landmark(Landmarks.RIGHT_EYE_OUTER);
        eyeSpanMm = Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
    }

    /** The camera of a view at the output resolution (head pose in its {@link Pose}). */
    public PinholeCamera camera(ScanView view) {
        return camera(view, 1);
    }

    private PinholeCamera camera(ScanView view, int oversample) {
        int size = view.size();
        double focal = 0.5 * size / Math.tan(Math.toRadians(view.fovDeg()) / 2);
        double distance = focal * eyeSpanMm / (EYE_SPAN_FRACTION * size);
        double pitch = Math.toRadians(view.pitchDeg()), yaw = Math.toRadians(view.yawDeg());
        double[] r = new double[9];
        Pose.rotation(pitch, yaw, 0, r);
        // q = R·(p − c) + (0, 0, −D): the turning centre lands on the optical axis at distance D.
        double tx = -(r[0] * centre[0] + r[1] * centre[1] + r[2] * centre[2]);
        double ty = -(r[3] * centre[0] + r[4] * centre[1] + r[5] * centre[2]);
        double tz = -(r[6] * centre[0] + r[7] * centre[1] + r[8] * centre[2]) - distance;
        Pose pose = new Pose(pitch, yaw, 0, tx, ty, tz, 1);
        int s = size * oversample;
        return new PinholeCamera(pose, focal * oversample, s / 2.0, s / 2.0, s, s, 1.0);
    }

    /** Renders the view. */
    public ScanRender render(ScanView view) {
        int ss = SUPERSAMPLING, size = view.size(), big = size * ss;
        PinholeCamera camera = camera(view, ss);
        float[] world = scan.positions();
        int[] tri = scan.triangles();
        // View-frame positions and normals: lighting and shadows are fixed to the camera.
        double[] rot = new double[9];
        camera.pose().rotation(rot);
        Pose pose = camera.pose();
        float[] vp = new float[world.length], vn = new float[world.length];
        for (int i = 0; i < world.length; i += 3) {
            double x = world[i], y = world[i + 1], z = world[i + 2];
            vp[i] = (float) (rot[0] * x + rot[1] * y + rot[2] * z + pose.tx());
            vp[i + 1] = (float) (rot[3] * x + rot[4] * y + rot[5] * z + pose.ty());
            vp[i + 2] = (float) (rot[6] * x + rot[7] * y + rot[8] * z + pose.tz());
            double nx = normals[i], ny = normals[i + 1], nz = normals[i + 2];
            vn[i] = (float) (rot[0] * nx + rot[1] * ny + rot[2] * nz);
            vn[i + 1] = (float) (rot[3] * nx + rot[4] * ny + rot[5] * nz);
            vn[i + 2] = (float) (rot[6] * nx + rot[7] * ny + rot[8] * nz);
        }
        VisibilityBuffer vis = new VisibilityBuffer(big, big);
        rasterizer.rasterize(new Mesh(world, tri), camera, vis);
        LightSetup light = view.light();
        double[] l = light.direction();
        ShadowMap shadow = light.hard() ? new ShadowMap(vp, tri, l, SHADOW_PIXEL_MM) : null;
        SphericalHarmonicsLighting sh = light.hard() ? null
                : SphericalHarmonicsLighting.fromDirectional(l[0], l[1], l[2], light.intensity(), light.ambient());

        float[] fr = new float[big * big], fg = new float[big * big], fb = new float[big * big];
        int[] ids = vis.triangleId();
        float[] b0 = vis.bary0(), b1 = vis.bary1();
        int[] uvTri = scan.uvTriangles();
        float[] uv = scan.uvs();
        int tw = scan.texture().width(), th = scan.texture().height();
        IntStream.range(0, big).parallel().forEach(y -> {
            double[] albedo = new double[3];
            for (int idx = y * big, end = idx + big; idx < end; idx++) {
                int t = ids[idx];
                if (t == VisibilityBuffer.EMPTY) {
                    continue;
                }
                double w0 = b0[idx], w1 = b1[idx], w2 = 1 - w0 - w1;
                int a = 3 * tri[3 * t], b = 3 * tri[3 * t + 1], c = 3 * tri[3 * t + 2];
                double px = w0 * vp[a] + w1 * vp[b] + w2 * vp[c];
                double py = w0 * vp[a + 1] + w1 * vp[b + 1] + w2 * vp[c + 1];
                double pz = w0 * vp[a + 2] + w1 * vp[b + 2] + w2 * vp[c + 2];
                double nx = w0 * vn[a] + w1 * vn[b] + w2 * vn[c];
                double ny = w0 * vn[a + 1] + w1 * vn[b + 1] + w2 * vn[c + 1];
                double nz = w0 * vn[a + 2] + w1 * vn[b + 2] + w2 * vn[c + 2];
                double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
                if (len > 0) {
                    nx /= len; ny /= len; nz /= len;
                }
                int ta = 2 * uvTri[3 * t], tb = 2 * uvTri[3 * t + 1], tc = 2 * uvTri[3 * t + 2];
                double u = w0 * uv[ta] + w1 * uv[tb] + w2 * uv[tc];
                double v = w0 * uv[ta + 1] + w1 * uv[tb + 1] + w2 * uv[tc + 1];
                sampleTexture(u * tw, (1 - v) * th, tw, th, albedo); // v up in the OBJ, rows down in the image
                double e, spec = 0;
                if (sh != null) {
                    e = sh.irradiance(nx, ny, nz, 0); // white light: one channel serves all three
                } else {
                    double cos = nx * l[0] + ny * l[1] + nz * l[2];
                    double lit = cos > 0 ? shadow.lit(px, py, pz, cos) : 0;
                    e = light.ambient() + light.intensity() * Math.max(0, cos) * lit;
                    if (lit > 0 && light.specular() > 0) {
                        // Blinn-Phong: half vector between the light and the direction to the camera (at the origin).
                        double dl = Math.sqrt(px * px + py * py + pz * pz);
                        double hx = l[0] - px / dl, hy = l[1] - py / dl, hz = l[2] - pz / dl;
                        double hl = Math.sqrt(hx * hx + hy * hy + hz * hz);
                        double nh = Math.max(0, (nx * hx + ny * hy + nz * hz) / hl);
                        spec = light.specular() * light.intensity() * lit * Math.pow(nh, 24);
                    }
                }
                fr[idx] = (float) (albedo[0] * e + spec);
                fg[idx] = (float) (albedo[1] * e + spec);
                fb[idx] = (float) (albedo[2] * e + spec);
            }
        });

        // Resolve: mean of the covered samples over the background, in linear light; then sRGB and noise.
        float[] r = new float[size * size], g = new float[size * size], b = new float[size * size];
        Random random = new Random(view.seed());
        view.background().paint(r, g, b, size, size, random);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = y * size + x;
                double sr = 0, sg = 0, sb = 0;
                int covered = 0;
                for (int j = 0; j < ss; j++) {
                    for (int k = 0; k < ss; k++) {
                        int s = (y * ss + j) * big + x * ss + k;
                        if (ids[s] != VisibilityBuffer.EMPTY) {
                            sr += fr[s];
                            sg += fg[s];
                            sb += fb[s];
                            covered++;
                        }
                    }
                }
                double n = ss * ss, rest = (n - covered) / n;
                r[i] = encode(sr / n + rest * decode(r[i]), random);
                g[i] = encode(sg / n + rest * decode(g[i]), random);
                b[i] = encode(sb / n + rest * decode(b[i]), random);
            }
        }
        RgbImage image = new RgbImage(size, size, r, g, b);
        return new ScanRender(view, image, projectLandmarks(camera(view)), camera(view));
    }

    /** The scan's 68 landmark points through the camera, as image landmarks. */
    public Landmarks projectLandmarks(PinholeCamera camera) {
        return project(camera, scan.landmarks());
    }

    /** 68 points (scan frame, xyz interleaved) through the camera, as image landmarks. */
    public static Landmarks project(PinholeCamera camera, double[] lm) {
        double[] xy = new double[2 * 68];
        float[] s = new float[3];
        for (int k = 0; k < 68; k++) {
            camera.project(lm[3 * k], lm[3 * k + 1], lm[3 * k + 2], s, 0);
            xy[2 * k] = s[0];
            xy[2 * k + 1] = s[1];
        }
        return new Landmarks(xy);
    }

    /** Bilinear texture lookup in linear light at texel coordinates (centres at i + 0.5), clamped at the border. */
    private void sampleTexture(double u, double v, int w, int h, double[] out) {
        double x = Math.min(Math.max(u - 0.5, 0), w - 1), y = Math.min(Math.max(v - 0.5, 0), h - 1);
        int x0 = Math.min((int) x, w - 2), y0 = Math.min((int) y, h - 2);
        double fx = x - x0, fy = y - y0;
        int i00 = y0 * w + x0, i10 = i00 + 1, i01 = i00 + w, i11 = i01 + 1;
        double c00 = (1 - fx) * (1 - fy), c10 = fx * (1 - fy), c01 = (1 - fx) * fy, c11 = fx * fy;
        out[0] = c00 * texR[i00] + c10 * texR[i10] + c01 * texR[i01] + c11 * texR[i11];
        out[1] = c00 * texG[i00] + c10 * texG[i10] + c01 * texG[i01] + c11 * texG[i11];
        out[2] = c00 * texB[i00] + c10 * texB[i10] + c01 * texB[i01] + c11 * texB[i11];
    }

    private static float[] linear(float[] srgb) {
        float[] out = new float[srgb.length];
        for (int i = 0; i < srgb.length; i++) {
            out[i] = (float) decode(srgb[i]);
        }
        return out;
    }

    /** sRGB → linear (IEC 61966-2-1). */
    static double decode(double s) {
        return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }

    /** Linear → sRGB with sensor noise, clamped to [0, 1]. */
    private static float encode(double linear, Random random) {
        double c = Math.max(0, linear);
        double s = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
        return (float) Math.max(0, Math.min(1, s + SENSOR_NOISE * random.nextGaussian()));
    }
}
