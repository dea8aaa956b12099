package io.inverseface.core.synth;

import io.inverseface.core.FaceParameters;
import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceRegion;
import io.inverseface.render.Pose;
import io.inverseface.render.Renderer;
import io.inverseface.render.Rendering;
import io.inverseface.render.SphericalHarmonicsLighting;
import io.inverseface.render.VisibilityBuffer;
import io.inverseface.render.WeakPerspectiveCamera;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders random faces of a {@link FaceModel} with known parameters: photos for recovery tests,
 * benchmarks and training pairs. Each face draws
 * <ul>
 *   <li>identity {@code α_id,k ~ N(0, (identityScale·σ_k)²)} over every identity mode of the model;</li>
 *   <li>a few random blendshapes with weights uniform in {@code [0, expressionStrength]}, the rest 0;</li>
 *   <li>albedo {@code α_alb,k ~ N(0, (albedoScale·σ_k)²)};</li>
 *   <li>yaw, pitch and roll uniform in their ranges; a scale that puts the outer eye corners
 *       {@code interOcular} pixels apart (for a frontal face; the default 100–140 px at 512 is scaled
 *       with the image size), the face centred with a small random shift;</li>
 *   <li>SH lighting: ambient plus one white-ish directional light from the front hemisphere, a small
 *       per-channel tint and small random first- and second-order terms, redrawn smaller until the
 *       irradiance is clearly positive on every front-facing normal (a negative irradiance would
 *       render a colour no real photo has);</li>
 *   <li>a background of uniform grey or a smooth linear grey gradient, Gaussian pixel noise, and
 *       Gaussian noise on the landmarks.</li>
 * </ul>
 * The landmarks are the projections of the model's 68 landmark vertices, the far side of the jaw on
 * the model's outline alternatives once the head turns ({@link io.inverseface.core.coarse.JawlineContour#annotatedVertices}). Face {@code i} depends only on the seed and {@code i}, so a generator is
 * deterministic and faces can be made in any order or in parallel; instances are immutable and
 * thread-safe (every call renders with its own renderer).
 */
public final class SyntheticFaceGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticFaceGenerator.class);

    /** Backgrounds the generator can paint behind the face. */
    public enum Background {
        /** One grey level uniform in [0.15, 0.85]. */
        UNIFORM,
        /** A linear gradient between two grey levels in a random direction. */
        GRADIENT,
        /** Either of the above with equal probability. */
        RANDOM
    }

    /** Smallest irradiance accepted on a front-facing normal, as a fraction of the ambient level. */
    private static final double MIN_IRRADIANCE_FRACTION = 0.25;

    private final FaceModel model;
    private final long seed;
    private final int imageSize;
    private final double identityScale;
    private final int expressionCount;
    private final double expressionStrength;
    private final double albedoScale;
    private final double yawRange, pitchRange, rollRange;
    private final double minInterOcular, maxInterOcular;
    private final double imageNoise;
    private final double landmarkNoise;
    private final Background background;
    private final int[] region;
    private final int[] landmarkVertices;

    private SyntheticFaceGenerator(Builder b) {
        this.model = Objects.requireNonNull(b.model, "model");
        this.seed = b.seed;
        this.imageSize = b.imageSize;
        this.identityScale = b.identityScale;
        this.expressionCount = Math.min(b.expressionCount, model.expressionCount());
        this.expressionStrength = b.expressionStrength;
        this.albedoScale = b.albedoScale;
        this.yawRange = Math.toRadians(b.yawDegrees);
        this.pitchRange = Math.toRadians(b.pitchDegrees);
        this.rollRange = Math.toRadians(b.rollDegrees);
        double k = b.imageSize / 512.0;
        this.minInterOcular = b.minInterOcular512 * k;
        this.maxInterOcular = b.maxInterOcular512 * k;
        this.imageNoise = b.imageNoise;
        this.landmarkNoise = b.landmarkNoise;
        this.background = b.background;
        this.region = model.regionVertices(FaceRegion.NARROW);
        this.landmarkVertices = model.landmarkVertices();
    }

    public static Builder builder() {
        return new Builder();
    }

    public FaceModel model() {
        return model;
    }

    public int imageSize() {
        return imageSize;
    }

    /** Faces {@code 0..count-1}. */
    public List<SyntheticFace> faces(int count) {
        List<SyntheticFace> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(face(i));
        }
        return out;
    }

    /** Face number {@code index} of this generator's seed (the same face every call). */
    public SyntheticFace face(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        // One independent stream per face. The stream seed is hashed (SplitMix64's finaliser): seeds that
        // differ by multiples of SplittableRandom's own gamma would give shifted copies of one stream.
        SplittableRandom rnd = new SplittableRandom(mix64(seed * 0xD1B54A32D192ED03L + index));
        double[] identity = gaussian(rnd, model.identityBasis().sigma(), identityScale);
        double[] expression = randomExpression(rnd);
        double[] albedo = gaussian(rnd, model.albedoBasis().sigma(), albedoScale);
        return render(identity, expression, albedo, rnd, index);
    }

    /**
     * Face number {@code index}'s person seen {@code count} times: one identity and albedo, and for each
     * view its own pose, expression and lighting (and noise), as photos of one person are. For joint fits.
     */
    public List<SyntheticFace> views(int index, int count) {
        if (index < 0 || count < 1) {
            throw new IllegalArgumentException("index must be >= 0 and count >= 1, got " + index + ", " + count);
        }
        long stream = mix64(seed * 0xD1B54A32D192ED03L + index);
        SplittableRandom rnd = new SplittableRandom(stream);
        double[] identity = gaussian(rnd, model.identityBasis().sigma(), identityScale);
        double[] albedo = gaussian(rnd, model.albedoBasis().sigma(), albedoScale);
        List<SyntheticFace> out = new ArrayList<>(count);
        for (int v = 0; v < count; v++) {
            SplittableRandom view = new SplittableRandom(mix64(stream + 0x9E3779B97F4A7C15L * (v + 1)));
            out.add(render(identity, randomExpression(view), albedo, view, index));
        }
        return out;
    }

    private SyntheticFace render(double[] identity, double[] expression, double[] albedo, SplittableRandom rnd,
                                 int index) {
        float[] vertices = model.instance(identity, expression);
        Pose pose = randomPose(rnd, vertices);
        SphericalHarmonicsLighting lighting = randomLighting(rnd);
        FaceParameters truth = new FaceParameters(identity, expression, albedo, pose, lighting);

        WeakPerspectiveCamera camera = new WeakPerspectiveCamera(pose, imageSize, imageSize);
        Rendering rendering = Renderer.create().render(model.toMesh(vertices.clone()), model.albedo(albedo), lighting, camera);
        RgbImage image = compose(rendering, rnd);

        double[] clean = new double[2 * Landmarks.COUNT];
        double[] noisy = new double[2 * Landmarks.COUNT];
        float[] screen = new float[3];
        // The jaw points follow the visible outline as an annotator marks it (see JawlineContour).
        int[] annotated = io.inverseface.core.coarse.JawlineContour.annotatedVertices(model, pose.yaw());
        for (int i = 0; i < Landmarks.COUNT; i++) {
            int v = annotated[i];
            camera.project(vertices[3 * v], vertices[3 * v + 1], vertices[3 * v + 2], screen, 0);
            clean[2 * i] = screen[0];
            clean[2 * i + 1] = screen[1];
            // Noisy points stay inside the image so that input validation never rejects a face.
            noisy[2 * i] = clamp(screen[0] + landmarkNoise * rnd.nextGaussian(), 0, imageSize);
            noisy[2 * i + 1] = clamp(screen[1] + landmarkNoise * rnd.nextGaussian(), 0, imageSize);
        }
        SyntheticFace face = new SyntheticFace(truth, image, new Landmarks(noisy), new Landmarks(clean), vertices);
        LOG.debug("synthetic face {} (seed {}): {}", index, seed, face);
        return face;
    }

    /** SplitMix64 finaliser (Stafford's mix 13): a bijective, well-mixing hash of a long. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double[] gaussian(SplittableRandom rnd, double[] sigma, double scale) {
        double[] c = new double[sigma.length];
        for (int k = 0; k < c.length; k++) {
            c[k] = scale * sigma[k] * rnd.nextGaussian();
        }
        return c;
    }

    private double[] randomExpression(SplittableRandom rnd) {
        double[] e = new double[model.expressionCount()];
        double[] lo = model.expressionLowerBound(), hi = model.expressionUpperBound();
        for (int n = 0; n < expressionCount; n++) {
            int k;
            do {
                k = rnd.nextInt(e.length);
            } while (e[k] != 0);
            double w = expressionStrength * rnd.nextDouble();
            e[k] = clamp(w, lo[k], hi[k]);
        }
        return e;
    }

    /** Random rotation; scale from the eye distance; the face centroid near the image centre. */
    private Pose randomPose(SplittableRandom rnd, float[] v) {
        double yaw = uniform(rnd, yawRange), pitch = uniform(rnd, pitchRange), roll = uniform(rnd, rollRange);
        int a = landmarkVertices[Landmarks.LEFT_EYE_OUTER], b = landmarkVertices[Landmarks.RIGHT_EYE_OUTER];
        double dx = v[3 * a] - v[3 * b], dy = v[3 * a + 1] - v[3 * b + 1], dz = v[3 * a + 2] - v[3 * b + 2];
        double eyeMm = Math.sqrt(dx * dx + dy * dy + dz * dz);
        double iod = minInterOcular + (maxInterOcular - minInterOcular) * rnd.nextDouble();
        double s = iod / eyeMm;
        double cx = 0, cy = 0, cz = 0;
        for (int i : region) {
            cx += v[3 * i];
            cy += v[3 * i + 1];
            cz += v[3 * i + 2];
        }
        cx /= region.length;
        cy /= region.length;
        cz /= region.length;
        double[] r = new double[9];
        Pose.rotation(pitch, yaw, roll, r);
        double rx = r[0] * cx + r[1] * cy + r[2] * cz, ry = r[3] * cx + r[4] * cy + r[5] * cz;
        double u = imageSize * (0.5 + uniform(rnd, 0.04)), w = imageSize * (0.5 + uniform(rnd, 0.04));
        // u = tx + s·(R c)_x and w = ty − s·(R c)_y put the centroid at (u, w).
        return Pose.weakPerspective(pitch, yaw, roll, u - s * rx, w + s * ry, s);
    }

    private SphericalHarmonicsLighting randomLighting(SplittableRandom rnd) {
        double ambient = 0.45 + 0.3 * rnd.nextDouble();
        double intensity = 0.25 + 0.35 * rnd.nextDouble();
        double azimuth = uniform(rnd, Math.toRadians(60));
        double elevation = Math.toRadians(-15 + 60 * rnd.nextDouble());
        double dx = Math.sin(azimuth) * Math.cos(elevation), dy = Math.sin(elevation);
        double dz = Math.cos(azimuth) * Math.cos(elevation);
        double[] base = SphericalHarmonicsLighting.fromDirectional(dx, dy, dz, intensity, ambient).coefficients();
        double[] tint = {1 + uniform(rnd, 0.1), 1 + uniform(rnd, 0.1), 1 + uniform(rnd, 0.1)};
        double[] extra = new double[SphericalHarmonicsLighting.COEFFICIENT_COUNT];
        for (int ch = 0; ch < 3; ch++) {
            for (int i = 1; i < SphericalHarmonicsLighting.BASIS_SIZE; i++) {
                extra[ch * 9 + i] = 0.03 * rnd.nextGaussian();
            }
        }
        double[] c = new double[base.length];
        for (double shrink = 1; ; shrink *= 0.5) {
            for (int ch = 0; ch < 3; ch++) {
                for (int i = 0; i < 9; i++) {
                    c[ch * 9 + i] = tint[ch] * base[ch * 9 + i] + shrink * extra[ch * 9 + i];
                }
            }
            SphericalHarmonicsLighting l = new SphericalHarmonicsLighting(c);
            if (minFrontIrradiance(l) >= MIN_IRRADIANCE_FRACTION * ambient || shrink < 1e-3) {
                return l;
            }
        }
    }

    /** Smallest irradiance of any channel over a grid of view-frame normals with n_z ≥ 0. */
    static double minFrontIrradiance(SphericalHarmonicsLighting l) {
        double min = Double.POSITIVE_INFINITY;
        int steps = 24;
        for (int i = 0; i <= steps; i++) {
            double theta = 0.5 * Math.PI * i / steps;   // angle from the view axis
            for (int j = 0; j < 4 * steps; j++) {
                double phi = 2 * Math.PI * j / (4 * steps);
                double nx = Math.sin(theta) * Math.cos(phi), ny = Math.sin(theta) * Math.sin(phi), nz = Math.cos(theta);
                for (int ch = 0; ch < 3; ch++) {
                    min = Math.min(min, l.irradiance(nx, ny, nz, ch));
                }
            }
        }
        return min;
    }

    /** Face over the background, plus pixel noise, clamped to [0, 1]. */
    private RgbImage compose(Rendering rendering, SplittableRandom rnd) {
        int n = imageSize * imageSize;
        boolean gradient = switch (background) {
            case UNIFORM -> false;
            case GRADIENT -> true;
            case RANDOM -> rnd.nextBoolean();
        };
        double g0 = 0.15 + 0.7 * rnd.nextDouble();
        double g1 = gradient ? 0.15 + 0.7 * rnd.nextDouble() : g0;
        double angle = 2 * Math.PI * rnd.nextDouble();
        double gx = Math.cos(angle) / imageSize, gy = Math.sin(angle) / imageSize;
        int[] ids = rendering.visibility().triangleId();
        RgbImage color = rendering.color();
        float[][] out = {new float[n], new float[n], new float[n]};
        for (int ch = 0; ch < 3; ch++) {
            float[] src = color.channel(ch), dst = out[ch];
            for (int y = 0, idx = 0; y < imageSize; y++) {
                for (int x = 0; x < imageSize; x++, idx++) {
                    double value;
                    if (ids[idx] != VisibilityBuffer.EMPTY) {
                        value = src[idx];
                    } else {
                        // t in [0, 1] along the gradient direction through the image centre.
                        double t = 0.5 + (x + 0.5 - 0.5 * imageSize) * gx + (y + 0.5 - 0.5 * imageSize) * gy;
                        value = g0 + (g1 - g0) * clamp(t, 0, 1);
                    }
                    if (imageNoise > 0) {
                        value += imageNoise * rnd.nextGaussian();
                    }
                    dst[idx] = (float) clamp(value, 0, 1);
                }
            }
        }
        return new RgbImage(imageSize, imageSize, out[0], out[1], out[2]);
    }

    private static double uniform(SplittableRandom rnd, double halfRange) {
        return halfRange * (2 * rnd.nextDouble() - 1);
    }

    private static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : Math.min(v, hi);
    }

    /** Settings; every one but the model has a default. */
    public static final class Builder {
        private FaceModel model;
        private long seed = 0;
        private int imageSize = 512;
        private double identityScale = 1.0;
        private int expressionCount = 3;
        private double expressionStrength = 0.6;
        private double albedoScale = 1.0;
        private double yawDegrees = 45, pitchDegrees = 15, rollDegrees = 10;
        private double minInterOcular512 = 100, maxInterOcular512 = 140;
        private double imageNoise = 0.01;
        private double landmarkNoise = 1.0;
        private Background background = Background.RANDOM;

        private Builder() {
        }

        /** The face model to sample and render (required). */
        public Builder model(FaceModel model) { this.model = Objects.requireNonNull(model, "model"); return this; }
        /** Seed of the whole sequence of faces (default 0). */
        public Builder seed(long seed) { this.seed = seed; return this; }
        /** Width and height of the square images in pixels (default 512). */
        public Builder imageSize(int pixels) { this.imageSize = pixels; return this; }
        /** Identity coefficients are drawn with this many prior σ (default 1). */
        public Builder identityScale(double scale) { this.identityScale = scale; return this; }
        /** How many blendshapes are active per face (default 3). */
        public Builder expressionCount(int count) { this.expressionCount = count; return this; }
        /** Largest weight of an active blendshape (default 0.6). */
        public Builder expressionStrength(double weight) { this.expressionStrength = weight; return this; }
        /** Albedo coefficients are drawn with this many prior σ (default 1). */
        public Builder albedoScale(double scale) { this.albedoScale = scale; return this; }
        /** Yaw uniform in ±degrees (default 45). */
        public Builder yawRange(double degrees) { this.yawDegrees = degrees; return this; }
        /** Pitch uniform in ±degrees (default 15). */
        public Builder pitchRange(double degrees) { this.pitchDegrees = degrees; return this; }
        /** Roll uniform in ±degrees (default 10). */
        public Builder rollRange(double degrees) { this.rollDegrees = degrees; return this; }
        /** Outer-eye-corner distance of a frontal face at 512 px, uniform in [min, max] (default 100–140). */
        public Builder interOcularRange(double min, double max) { this.minInterOcular512 = min; this.maxInterOcular512 = max; return this; }
        /** σ of the Gaussian noise added to every pixel and channel (default 0.01). */
        public Builder imageNoise(double sigma) { this.imageNoise = sigma; return this; }
        /** σ in pixels of the Gaussian noise added to each landmark coordinate (default 1). */
        public Builder landmarkNoise(double pixels) { this.landmarkNoise = pixels; return this; }
        /** Background style (default {@link Background#RANDOM}). */
        public Builder background(Background background) { this.background = Objects.requireNonNull(background, "background"); return this; }

        public SyntheticFaceGenerator build() {
            Objects.requireNonNull(model, "model");
            check(imageSize >= 64, "imageSize must be >= 64");
            check(identityScale >= 0 && albedoScale >= 0, "identity and albedo scales must be >= 0");
            check(expressionCount >= 0, "expressionCount must be >= 0");
            check(expressionStrength >= 0 && expressionStrength <= 1, "expressionStrength must be in [0, 1]");
            check(yawDegrees >= 0 && yawDegrees < 90 && pitchDegrees >= 0 && pitchDegrees < 90
                    && rollDegrees >= 0 && rollDegrees <= 180, "angle ranges must be >= 0 (yaw, pitch < 90)");
            check(minInterOcular512 > 0 && maxInterOcular512 >= minInterOcular512, "need 0 < min <= max inter-ocular");
            check(imageNoise >= 0 && landmarkNoise >= 0, "noise levels must be >= 0");
            return new SyntheticFaceGenerator(this);
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
