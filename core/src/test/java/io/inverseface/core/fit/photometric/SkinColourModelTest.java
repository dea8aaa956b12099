package io.inverseface.core.fit.photometric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SkinColourModelTest {

    /** Skin where the photo matches the fit up to shading and noise; hair, dark and brown, elsewhere. */
    private static double[][] scene(int n, double hairFraction, Random rnd) {
        double[] observed = new double[3 * n], predicted = new double[3 * n];
        boolean[] hair = new boolean[n];
        for (int i = 0; i < n; i++) {
            // The fitted albedo varies over the face (lips redder), and so does shading.
            boolean lips = i % 10 == 0;
            double[] rho = lips ? new double[] {0.64, 0.30, 0.30} : new double[] {0.74, 0.55, 0.45};
            double shade = 0.5 + 0.6 * rnd.nextDouble();
            hair[i] = rnd.nextDouble() < hairFraction;
            for (int c = 0; c < 3; c++) {
                predicted[3 * i + c] = rho[c] * shade;
                double skin = rho[c] * shade * (1 + 0.08 * rnd.nextGaussian()) + 0.01 * rnd.nextGaussian();
                double brown = new double[] {0.25, 0.17, 0.10}[c] * (0.6 + 0.4 * rnd.nextDouble());
                observed[3 * i + c] = hair[i] ? brown : skin;
            }
        }
        double[] flags = new double[n];
        for (int i = 0; i < n; i++) {
            flags[i] = hair[i] ? 1 : 0;
        }
        return new double[][] {observed, predicted, flags};
    }

    @Test
    void tellsHairFromSkinAndKeepsTheRedderLips() {
        for (double hairFraction : new double[] {0.1, 0.4}) {
            double[][] s = scene(1000, hairFraction, new Random(7));
            SkinColourModel model = SkinColourModel.fit(s[0], s[1]);
            double skinSum = 0, hairSum = 0, lipsMin = 1;
            int skin = 0, hair = 0;
            for (int i = 0; i < 1000; i++) {
                double p = model.probability(s[0], s[1], 3 * i);
                if (s[2][i] == 1) {
                    hairSum += p;
                    hair++;
                } else {
                    skinSum += p;
                    skin++;
                    if (i % 10 == 0) {
                        lipsMin = Math.min(lipsMin, p);
                    }
                }
            }
            assertThat(skinSum / skin).as("mean skin probability of skin, %.0f %% hair", 100 * hairFraction)
                    .isGreaterThan(0.95);
            assertThat(hairSum / hair).as("mean skin probability of hair, %.0f %% hair", 100 * hairFraction)
                    .isLessThan(0.05);
            assertThat(lipsMin).as("lips, which the fitted albedo already makes red").isGreaterThan(0.5);
        }
    }

    @Test
    void aPhotoThatIsAllSkinLosesAlmostNothing() {
        double[][] s = scene(2000, 0, new Random(8));
        SkinColourModel model = SkinColourModel.fit(s[0], s[1]);
        int low = 0;
        for (int i = 0; i < 2000; i++) {
            if (model.probability(s[0], s[1], 3 * i) < 0.5) {
                low++;
            }
        }
        assertThat(low).as("samples taken for non-skin out of 2000").isLessThan(40);
    }

    @Test
    void tooFewSamplesAreRefused() {
        assertThatThrownBy(() -> SkinColourModel.fit(new double[6], new double[6]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 4 samples");
    }
}
