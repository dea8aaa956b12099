package io.inverseface.core.model;

import io.inverseface.core.landmarks.MirroredLandmarks;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LandmarkEmbeddingTest {
    private static FaceModel own;
    private static FaceModel embedded;

    @BeforeAll
    static void load() {
        own = new IctLightModelLoader(true, GenericAlbedoPrior.DEFAULT_EIGENVECTORS, LandmarkEmbedding.none())
                .load(TestModels.sharedModelDirectory());
        embedded = new IctLightModelLoader().load(TestModels.sharedModelDirectory());
    }

    @Test
    void csvRoundTrip() {
        LandmarkEmbedding e = new LandmarkEmbedding("test table", new int[] {27, 31}, new int[] {978, 1140}, new int[] {977, 4562});
        LandmarkEmbedding back = LandmarkEmbedding.parse(List.of(e.toCsv("a comment").split("\n")));
        assertThat(back.source()).isEqualTo("test table");
        assertThat(back.points()).containsExactly(27, 31);
        assertThat(back.from()).containsExactly(978, 1140);
        assertThat(back.to()).containsExactly(977, 4562);
    }

    @Test
    void malformedTablesNameTheProblem() {
        assertThatThrownBy(() -> LandmarkEmbedding.parse(List.of("# x", "point,to", "1,2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header point,from,to");
        assertThatThrownBy(() -> LandmarkEmbedding.parse(List.of("point,from,to", "27,a,3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2").hasMessageContaining("not integers");
        assertThatThrownBy(() -> LandmarkEmbedding.parse(List.of("point,from,to", "27,1,3", "27,1,4")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("point 27");
        assertThatThrownBy(() -> LandmarkEmbedding.parse(List.of("point,from,to", "68,1,3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("point 68");
    }

    @Test
    void aTableForOtherVerticesIsRefused() {
        LandmarkEmbedding e = new LandmarkEmbedding("other", new int[] {30}, new int[] {1}, new int[] {2});
        int[] lv = own.landmarkVertices();
        assertThat(e.fits(lv)).isFalse();
        assertThatThrownBy(() -> e.applyTo(lv)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another model");
    }

    @Test
    void theShippedTableMovesOnlyInnerPointsOfThisModel() {
        LandmarkEmbedding table = LandmarkEmbedding.annotated300W();
        assertThat(table.size()).isGreaterThan(10);
        assertThat(table.fits(own.landmarkVertices())).isTrue();
        assertThat(java.util.Arrays.stream(table.points()).boxed().toList()).allSatisfy(p -> assertThat(p).isBetween(17, 67));
        int[] a = own.landmarkVertices(), b = embedded.landmarkVertices();
        for (int k = 0; k < 17; k++) {
            assertThat(b[k]).as("jaw point %d", k).isEqualTo(a[k]);
        }
        // every move is local: a few mm on the mean face, never onto another feature
        float[] mean = own.meanShape();
        for (int k = 17; k < 68; k++) {
            double d = Math.sqrt(sq(mean[3 * a[k]] - mean[3 * b[k]]) + sq(mean[3 * a[k] + 1] - mean[3 * b[k] + 1])
                    + sq(mean[3 * a[k] + 2] - mean[3 * b[k] + 2]));
            assertThat(d).as("point %d moved, mm", k).isLessThan(8.0);
        }
    }

    @Test
    void theShippedTableIsLeftRightSymmetricOnTheMeanFace() {
        // learned from symmetrised offsets on a symmetric mesh: each point mirrors its partner
        float[] mean = own.meanShape();
        int[] lv = embedded.landmarkVertices();
        for (int k = 17; k < 68; k++) {
            int j = MirroredLandmarks.partner(k);
            assertThat((double) mean[3 * lv[k]]).as("x of %d against %d", k, j).isCloseTo(-mean[3 * lv[j]], org.assertj.core.data.Offset.offset(0.6));
            assertThat((double) mean[3 * lv[k] + 1]).as("y of %d against %d", k, j).isCloseTo(mean[3 * lv[j] + 1], org.assertj.core.data.Offset.offset(0.6));
        }
    }

    @Test
    void withLandmarksKeepsTheShapeAndChangesTheHash() {
        FaceModel moved = own.withLandmarks(embedded.landmarkVertices());
        assertThat(moved.meanShape()).isEqualTo(own.meanShape());
        assertThat(moved.regionVertices(FaceRegion.NARROW)).isEqualTo(own.regionVertices(FaceRegion.NARROW));
        assertThat(moved.landmarkVertices()).isEqualTo(embedded.landmarkVertices());
        assertThat(moved.contentHash()).isNotEqualTo(own.contentHash());
        assertThatThrownBy(() -> own.withLandmarks(new int[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("68");
    }

    private static double sq(double x) {
        return x * x;
    }
}
