package io.inverseface.core.landmarks;

import io.inverseface.core.io.LandmarkGroup;
import io.inverseface.core.io.Landmarks;

/**
 * The 68 iBUG points from a MediaPipe face mesh: the 17 jaw points on the mesh's visible outline
 * ({@link MeshJawOutline}), each of the other 51 one mesh point or the mean of two.
 *
 * <p>Index correspondence of PeizhiYan/Mediapipe_2_Dlib_Landmarks (MIT, per its {@code setup.cfg};
 * version 1.0, {@code mediapipe2dlib/mp2dlib.py} at commit {@code db9e81e}), written out here as
 * data for the 51 inner points, with two changes measured on the annotated photos (BENCHMARKS.md, "Landmarks: MediaPipe
 * port"): the jaw follows the outline, and each brow point is the mean of the brow's upper and lower
 * contour points (the map's upper contour alone: 6.5 % of the eye distance; the midline 5.6 %). Only
 * mesh points below 468 are used, so the map serves both the 468- and 478-point meshes.
 */
public final class MeshTo68 {

    /** For each inner iBUG point 17..67 (at {@code i − 17}), its one or two mesh points; the jaw is {@link MeshJawOutline}'s. */
    private static final int[][] MAP = {
        // brows 17..26: the brow's midline, the mean of its upper (published map) and lower contour points
        {70, 46}, {63, 53}, {105, 52}, {66, 65}, {107, 55}, {336, 285}, {296, 295}, {334, 282}, {293, 283}, {300, 276},
        // nose 27..35
        {168, 6}, {197, 195}, {5}, {4}, {75}, {97}, {2}, {326}, {305},
        // eyes 36..47
        {33}, {160}, {158}, {133}, {153}, {144}, {362}, {385}, {387}, {263}, {373}, {380},
        // outer lips 48..59
        {61}, {39}, {37}, {0}, {267}, {269}, {291}, {321}, {314}, {17}, {84}, {91},
        // inner lips 60..67
        {78}, {82}, {13}, {312}, {308}, {317}, {14}, {87},
    };

    private static final int FIRST_INNER = LandmarkGroup.JAW.last() + 1;

    private MeshTo68() {
    }

    /**
     * @param mesh the face mesh result, image pixels
     * @return the 68 points: the jaw on the visible outline, the rest through the index map
     */
    public static Landmarks convert(FaceMesh.Result mesh) {
        double[][] pts = new double[Landmarks.COUNT][2];
        double[] jaw = MeshJawOutline.jaw(mesh);
        for (int i = 0; i < FIRST_INNER; i++) {
            pts[i][0] = jaw[2 * i];
            pts[i][1] = jaw[2 * i + 1];
        }
        for (int i = FIRST_INNER; i < Landmarks.COUNT; i++) {
            int[] points = MAP[i - FIRST_INNER];
            for (int m : points) {
                pts[i][0] += mesh.x(m) / points.length;
                pts[i][1] += mesh.y(m) / points.length;
            }
        }
        return Landmarks.of(pts);
    }
}
