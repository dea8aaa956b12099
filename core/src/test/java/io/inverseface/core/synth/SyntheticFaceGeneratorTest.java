package io.inverseface.core.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inverseface.core.io.InputValidator;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.render.Pose;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntheticFaceGeneratorTest {

    private final FaceModel model = FaceModels.ictLight();

    @Test
    void sameSeedAndIndexGiveTheSameFace() {
        SyntheticFace a = SyntheticFaceGenerator.builder().model(model).seed(3).imageSize(256).build().face(2);
        SyntheticFace b = SyntheticFaceGenerator.builder().model(model).seed(3).imageSize(256).build().face(2);
        assertEquals(a.truth(), b.truth());
        assertEquals(a.landmarks(), b.landmarks());
        assertArrayEquals(a.image().r(), b.image().r());
        SyntheticFace c = SyntheticFaceGenerator.builder().model(model).seed(4).imageSize(256).build().face(2);
        assertFalse(Arrays.equals(a.truth().identity(), c.truth().identity()));
    }

    @Test
    void facesRespectTheConfiguredRanges() {
        SyntheticFaceGenerator g = SyntheticFaceGenerator.builder().model(model).seed(11).build();
        for (int i = 0; i < 5; i++) {
            SyntheticFace f = g.face(i);
            Pose p = f.truth().pose();
            assertTrue(Math.abs(Math.toDegrees(p.yaw())) <= 45 && Math.abs(Math.toDegrees(p.pitch())) <= 15
                    && Math.abs(Math.toDegrees(p.roll())) <= 10, p::toString);
            // Frontal 100–140 px; yaw shortens the projected distance by up to cos 45°.
            double iod = f.trueLandmarks().interOcularDistance();
            assertTrue(iod > 65 && iod < 145, () -> "inter-ocular " + iod);
            InputValidator.validate(f.image(), f.landmarks());
            long active = Arrays.stream(f.truth().expression()).filter(w -> w != 0).count();
            assertTrue(active <= 3 && Arrays.stream(f.truth().expression()).allMatch(w -> w >= 0 && w <= 0.6));
            for (float v : f.image().g()) {
                assertTrue(v >= 0 && v <= 1);
            }
            assertTrue(SyntheticFaceGenerator.minFrontIrradiance(f.truth().lighting()) > 0);
        }
    }

    @Test
    void landmarkNoiseHasTheRequestedSize() {
        SyntheticFace f = SyntheticFaceGenerator.builder().model(model).seed(5).landmarkNoise(2).build().face(0);
        double sum = 0;
        double[] noisy = f.landmarks().coordinates(), clean = f.trueLandmarks().coordinates();
        for (int i = 0; i < noisy.length; i++) {
            sum += (noisy[i] - clean[i]) * (noisy[i] - clean[i]);
        }
        double rms = Math.sqrt(sum / noisy.length);
        assertTrue(rms > 1.5 && rms < 2.5, () -> "rms landmark noise " + rms);
        SyntheticFace exact = SyntheticFaceGenerator.builder().model(model).seed(5).landmarkNoise(0).build().face(0);
        assertEquals(exact.trueLandmarks(), exact.landmarks());
    }
}
