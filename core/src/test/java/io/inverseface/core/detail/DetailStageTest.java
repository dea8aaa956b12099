package io.inverseface.core.detail;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.core.model.FaceModels;
import io.inverseface.core.synth.SyntheticDetailScene;
import io.inverseface.render.Mesh;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The detail stage on a synthetic render with known detail (bumps of 0.6–1.5 mm, a 1.5 mm V-crease; see
 * {@link SyntheticDetailScene}), given the undisplaced surface, the true lighting and albedo.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DetailStageTest {

    private SyntheticDetailScene scene;
    private Metrics l1;

    /** Figures of one recovery on the central face (|x| &lt; 45 mm, −60 &lt; y &lt; 70: away from the region's border). */
    record Metrics(double correlation, double featureError, double coarseFeatureError, double flatError,
                   double creaseContrast, double seconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "corr %.3f, feature normal error %.2f° (coarse %.2f°), flat %.2f°, crease %.2f, %.2f s",
                    correlation, featureError, coarseFeatureError, flatError, creaseContrast, seconds);
        }
    }

    @BeforeAll
    void recover() {
        scene = new SyntheticDetailScene(FaceModels.ictLight(), 1, 0.2);
        l1 = run(DetailOptions.defaults());
    }

    private Metrics run(DetailOptions options) {
        DetailResult r = new DetailStage(options).refine(scene.vertices, scene.albedo, scene.regionTriangles, scene.lighting,
                scene.pose, scene.image);
        return measure(r);
    }

    /**
     * A skin mask that rules out a band across the face (glasses, say): no vertex there or within two rings
     * of it is taken as data, and vertices far from it are taken as without the mask.
     */
    @Test
    void maskedPixelsAreNotData() {
        io.inverseface.render.RgbImage mask = new io.inverseface.render.RgbImage(scene.image.width(), scene.image.height());
        io.inverseface.render.WeakPerspectiveCamera camera = new io.inverseface.render.WeakPerspectiveCamera(scene.pose,
                scene.image.width(), scene.image.height());
        float[] screen = new float[3];
        camera.project(0, 20, 0, screen, 0); // 20 mm above the model origin: across the eyes
        int band0 = (int) screen[1] - 8, band1 = (int) screen[1] + 8;
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                float v = y >= band0 && y <= band1 ? 0f : 1f;
                mask.set(x, y, v, v, v);
            }
        }
        DetailStage stage = new DetailStage(DetailOptions.defaults());
        DetailResult plain = stage.refine(scene.vertices, scene.albedo, scene.regionTriangles, scene.lighting, camera,
                scene.image);
        DetailResult masked = stage.refine(scene.vertices, scene.albedo, scene.regionTriangles, scene.lighting, camera,
                scene.image, mask);
        float[] p = scene.fine.positions();
        int inBand = 0, seenInBand = 0, lost = 0;
        for (int i = 0; i < masked.visible().length; i++) {
            camera.project(p[3 * i], p[3 * i + 1], p[3 * i + 2], screen, 0);
            boolean band = screen[1] >= band0 + 1 && screen[1] <= band1 - 1;
            if (band && plain.visible()[i]) {
                inBand++;
                seenInBand += masked.visible()[i] ? 1 : 0;
            }
            if (!band && screen[1] < band0 - 20 && plain.visible()[i] && !masked.visible()[i]) {
                lost++; // far from the band: must not be affected
            }
        }
        assertThat(inBand).isGreaterThan(200);
        assertThat(seenInBand).as("vertices in the masked band taken as data").isZero();
        assertThat(lost).as("vertices far from the band left out").isZero();
    }

    private Metrics measure(DetailResult r) {
        float[] p = scene.fine.positions();
        int n = scene.truth.length;
        float[] trueNormals = new float[3 * n], recovered = new float[3 * n];
        Mesh.vertexNormals(scene.displaced, scene.fine.triangles(), trueNormals);
        Mesh.vertexNormals(r.positions(), scene.fine.triangles(), recovered);
        double[] feature = new double[n], coarseFeature = new double[n], flat = new double[n];
        int nf = 0, nflat = 0;
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0, crease = 0, creaseTrue = 0;
        int m = 0;
        for (int i = 0; i < n; i++) {
            double x = p[3 * i], y = p[3 * i + 1];
            if (!r.visible()[i] || Math.abs(x) > 45 || y < -60 || y > 70) {
                continue;
            }
            double a = r.displacement()[i], b = scene.truth[i];
            sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b;
            m++;
            double coarseAngle = angle(trueNormals, scene.fineNormals, i);
            double angle = angle(trueNormals, recovered, i);
            if (coarseAngle > 1.0) {
                feature[nf] = angle;
                coarseFeature[nf++] = coarseAngle;
            } else if (coarseAngle < 0.1) {
                flat[nflat++] = angle;
            }
            // Crease contrast: displacement on the crease line minus 4 mm beside it, against the truth's.
            if (Math.abs(x) < 25) {
                double w = Math.abs(y - SyntheticDetailScene.CREASE_Y) < 0.7 ? 1
                        : Math.abs(Math.abs(y - SyntheticDetailScene.CREASE_Y) - 4) < 0.7 ? -1 : 0;
                crease += w * a;
                creaseTrue += w * b;
            }
        }
        double cov = sab / m - sa / m * sb / m;
        double corr = cov / Math.sqrt((saa / m - sa * sa / m / m) * (sbb / m - sb * sb / m / m));
        return new Metrics(corr, median(feature, nf), median(coarseFeature, nf), median(flat, nflat), crease / creaseTrue,
                r.seconds());
    }

    private static double angle(float[] a, float[] b, int i) {
        double dot = a[3 * i] * b[3 * i] + a[3 * i + 1] * b[3 * i + 1] + a[3 * i + 2] * b[3 * i + 2];
        return Math.toDegrees(Math.acos(Math.min(1, Math.max(-1, dot))));
    }

    private static double median(double[] v, int n) {
        double[] c = Arrays.copyOf(v, n);
        Arrays.sort(c);
        return c[n / 2];
    }

    @Test
    void recoveredDisplacementFollowsTheTruthAndImprovesTheNormals() {
        assertThat(l1.correlation()).as(l1.toString()).isGreaterThan(0.55);
        assertThat(l1.featureError()).as(l1.toString()).isLessThan(0.8 * l1.coarseFeatureError());
        assertThat(l1.creaseContrast()).as(l1.toString()).isGreaterThan(0.6);
    }

    @Test
    void l1KeepsTheCreaseSharperThanL2AtAnyWeight() {
        // No L2 weight matches L1 on both counts: weak L2 is noisier on flat skin, strong L2 blurs the crease.
        for (double mu2 : new double[] {3e-3, 3e-2, 3e-1}) {
            Metrics l2 = run(DetailOptions.builder().regulariser(DetailOptions.Regulariser.L2).mu2(mu2).build());
            assertThat(l2.flatError() > l1.flatError() || l2.creaseContrast() < l1.creaseContrast())
                    .as("L2 μ2=%s: %s vs L1: %s", mu2, l2, l1).isTrue();
            assertThat(l2.flatError()).as("L2 μ2=%s: %s vs L1: %s", mu2, l2, l1).isGreaterThan(l1.flatError());
        }
        Metrics smoothest = run(DetailOptions.builder().regulariser(DetailOptions.Regulariser.L2).mu2(3e-1).build());
        assertThat(smoothest.creaseContrast()).as("%s vs L1 %s", smoothest, l1).isLessThan(l1.creaseContrast());
    }

    @Test
    void subdivisionCarriesAttributesAndRefines() {
        int coarse = Arrays.stream(scene.fine.parentA()[0]).max().orElseThrow() + 1;
        assertThat(scene.fine.vertexCount()).isGreaterThan(3 * coarse);
        float[] ones = new float[3 * coarse];
        Arrays.fill(ones, 0.5f);
        float[] carried = scene.fine.carry(ones, 3);
        assertThat(carried).hasSize(3 * scene.fine.vertexCount());
        for (float v : carried) {
            assertThat(v).isEqualTo(0.5f);
        }
    }
}
