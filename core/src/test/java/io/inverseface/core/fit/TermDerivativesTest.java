package io.inverseface.core.fit;

import io.inverseface.core.fit.landmarks.LandmarkTerm;
import io.inverseface.core.fit.photometric.PhotoConsistencyTerm;
import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.model.FaceRegion;
import io.inverseface.optim.DerivativeChecker;
import io.inverseface.optim.DerivativeReport;
import io.inverseface.render.RgbImage;
import io.inverseface.render.SphericalHarmonicsLighting;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every coarse energy term's analytic Jacobian against central differences, at random parameters. */
public class TermDerivativesTest {

    private static FaceModel model;
    private static VertexMajorBases bases;

    @BeforeAll
    static void load() {
        model = FaceModels.ictLight();
        bases = VertexMajorBases.of(model, 40);
    }

    private static double[] randomPose(Random rnd) {
        return new double[] {0.2 * rnd.nextGaussian(), 0.4 * rnd.nextGaussian(), 0.1 * rnd.nextGaussian(),
                128 + 5 * rnd.nextGaussian(), 128 + 5 * rnd.nextGaussian(), 0.9 + 0.1 * rnd.nextDouble()};
    }

    private static double[] gaussian(Random rnd, int n, double sigma) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = sigma * rnd.nextGaussian();
        }
        return v;
    }

    private static double[] uniform(Random rnd, int n, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = hi * rnd.nextDouble();
        }
        return v;
    }

    /** A smooth colour image (low-frequency sinusoids) so that bilinear gradients are informative. */
    public static RgbImage smoothImage(int w, int h) {
        RgbImage img = new RgbImage(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.set(x, y, (float) (0.5 + 0.3 * Math.sin(x * 0.05) * Math.cos(y * 0.07)),
                        (float) (0.4 + 0.2 * Math.cos(x * 0.03 + y * 0.02)),
                        (float) (0.3 + 0.2 * Math.sin(y * 0.04 - x * 0.01)));
            }
        }
        return img;
    }

    @Test
    void landmarkTermMatchesFiniteDifferences() {
        Random rnd = new Random(3);
        double[] targets = new double[136];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = 100 + 50 * rnd.nextDouble();
        }
        LandmarkTerm term = new LandmarkTerm(bases, model.landmarkVertices(), targets, null, 40.0);
        DerivativeReport report = DerivativeChecker.check(term, randomPose(rnd), gaussian(rnd, 40, 1),
                uniform(rnd, model.expressionCount(), 0.5));
        assertThat(report.worstRelativeError()).as(report.toString()).isLessThan(1e-7);
    }

    @Test
    void landmarkTermThroughAPinholeMatchesFiniteDifferences() {
        Random rnd = new Random(4);
        double[] targets = new double[136];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = 100 + 50 * rnd.nextDouble();
        }
        double[] pose = randomPose(rnd);
        // 300 mm away: the nose tip is magnified by about 12 % against the face plane.
        Projection pinhole = new Projection(1.0 / (300 * pose[5]), 110, 140);
        LandmarkTerm term = new LandmarkTerm(bases, model.landmarkVertices(), targets, null, null, 40.0, pinhole);
        DerivativeReport report = DerivativeChecker.check(term, pose, gaussian(rnd, 40, 1),
                uniform(rnd, model.expressionCount(), 0.5));
        assertThat(report.worstRelativeError()).as(report.toString()).isLessThan(1e-7);
    }

    @Test
    void photoConsistencyTermThroughAPinholeMatchesFiniteDifferences() {
        Random rnd = new Random(6);
        int[] narrow = model.regionVertices(FaceRegion.NARROW);
        int[] samples = new int[60];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = narrow[rnd.nextInt(narrow.length)];
        }
        double[] pose = randomPose(rnd);
        Projection pinhole = new Projection(1.0 / (300 * pose[5]), 120, 130);
        PhotoConsistencyTerm term = new PhotoConsistencyTerm(bases, model.triangles(), samples, smoothImage(128, 128), 0.5,
                pinhole, null);
        double[] light = SphericalHarmonicsLighting.fromDirectional(0.3, 0.5, 1, 0.8, 0.4).coefficients();
        DerivativeReport report = DerivativeChecker.check(term, pose, gaussian(rnd, 40, 1),
                uniform(rnd, model.expressionCount(), 0.5), gaussian(rnd, model.albedoCount(), 0.02), light);
        assertThat(report.worstRelativeError()).as(report.toString()).isLessThan(1e-6);
    }

    @Test
    void photoConsistencyTermMatchesFiniteDifferencesForEveryBlock() {
        Random rnd = new Random(5);
        int[] narrow = model.regionVertices(FaceRegion.NARROW);
        int[] samples = new int[60];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = narrow[rnd.nextInt(narrow.length)];
        }
        PhotoConsistencyTerm term = new PhotoConsistencyTerm(bases, model.triangles(), samples, smoothImage(128, 128), 0.5);
        double[] light = SphericalHarmonicsLighting.fromDirectional(0.3, 0.5, 1, 0.8, 0.4).coefficients();
        for (int i = 0; i < light.length; i++) {
            light[i] += 0.05 * rnd.nextGaussian();
        }
        DerivativeReport report = DerivativeChecker.check(term, randomPose(rnd), gaussian(rnd, 40, 1),
                uniform(rnd, model.expressionCount(), 0.5), gaussian(rnd, model.albedoCount(), 0.02), light);
        assertThat(report.entriesChecked()).isEqualTo(180 * (6 + 40 + model.expressionCount() + model.albedoCount() + 27));
        assertThat(report.worstRelativeError()).as(report.toString()).isLessThan(1e-6);
    }

    @Test
    void poseBlockRoundTrips() {
        double[] p = {0.1, -0.2, 0.3, 10, 20, 2.5};
        assertThat(PoseBlock.of(PoseBlock.toPose(p))).containsExactly(p);
    }
}
