package io.inverseface.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.LibraryVersion;
import io.inverseface.core.io.Landmarks;
import io.inverseface.core.io.LandmarksReader;
import io.inverseface.core.landmarks.FaceChoice;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.model.IctLightModelLoader;
import io.inverseface.data.model.ModelResolver;
import io.inverseface.data.samples.Samples;
import io.inverseface.optim.backend.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ResultKeysTest {

    private static FaceReconstructor quick;
    private static byte[] photo;
    private static Landmarks points;

    @BeforeAll
    static void setUp() throws Exception {
        quick = BatchFixtures.fastReconstructor();
        photo = Files.readAllBytes(Samples.astronautImage());
        points = LandmarksReader.read(Samples.astronautLandmarksPts());
    }

    @Test
    void theSameInputsAndSettingsGiveTheSameKeyAnyChangeAnother() {
        ResultKeys keys = ResultKeys.of(quick);
        String key = keys.keyOf(photo, points);
        assertThat(key).matches("[0-9a-f]{64}");
        assertThat(ResultKeys.of(BatchFixtures.fastReconstructor()).keyOf(photo.clone(), points)).isEqualTo(key);

        byte[] oneByteOff = photo.clone();
        oneByteOff[oneByteOff.length / 2] ^= 1;
        assertThat(keys.keyOf(oneByteOff, points)).isNotEqualTo(key);
        double[] moved = points.coordinates();
        moved[0] += 0.25;
        assertThat(keys.keyOf(photo, new Landmarks(moved))).isNotEqualTo(key);
        assertThat(keys.keyOf(photo, null)).as("detected landmarks").isNotEqualTo(key);
    }

    @Test
    void theFaceChoiceIsPartOfADetectedKeyOnly() {
        String largest = ResultKeys.of(quick).keyOf(photo, null);
        assertThat(ResultKeys.of(quick, FaceChoice.largest()).keyOf(photo, null)).isEqualTo(largest);
        assertThat(ResultKeys.of(quick, FaceChoice.index(2)).keyOf(photo, null)).isNotEqualTo(largest);
        assertThat(ResultKeys.of(quick, FaceChoice.mostConfident()).description()).contains(",face=score");
        // with a landmark file there is no choice to make
        assertThat(ResultKeys.of(quick, FaceChoice.index(2)).keyOf(photo, points))
                .isEqualTo(ResultKeys.of(quick).keyOf(photo, points));
    }

    @Test
    void quickFullAndDetailAreDifferentSettings() {
        String quickKey = ResultKeys.of(quick).keyOf(photo, points);
        try (FaceReconstructor full = FaceReconstructor.builder().model(quick.model()).backend(Backend.CPU).build();
             FaceReconstructor detail = FaceReconstructor.builder().model(quick.model()).backend(Backend.CPU)
                     .detail(d -> { }).build()) {
            String fullKey = ResultKeys.of(full).keyOf(photo, points);
            String detailKey = ResultKeys.of(detail).keyOf(photo, points);
            assertThat(fullKey).isNotEqualTo(quickKey);
            assertThat(detailKey).isNotEqualTo(fullKey).isNotEqualTo(quickKey);
        }
    }

    @Test
    void theModelsContentAndTheVersionAreInTheKey() {
        FaceModel shared = FaceModels.ictLight();
        Path dir = ModelResolver.defaults().resolve().directory();
        FaceModel reloaded = FaceModels.load(dir);
        assertThat(reloaded).isNotSameAs(shared);
        assertThat(reloaded.contentHash()).isEqualTo(shared.contentHash()).matches("[0-9a-f]{64}");
        // Same files, another albedo prior: another model as far as the fit is concerned.
        FaceModel otherPrior = new IctLightModelLoader(true, 10).load(dir);
        assertThat(otherPrior.contentHash()).isNotEqualTo(shared.contentHash());

        assertThat(LibraryVersion.get()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(ResultKeys.of(quick).description()).contains("version=" + LibraryVersion.get())
                .contains(shared.contentHash()).contains("identityModes=20");
        assertThat(Arrays.asList(ResultKeys.of(quick).description().split("\n"))).anyMatch(l -> l.startsWith("detail=off"));
    }
}
