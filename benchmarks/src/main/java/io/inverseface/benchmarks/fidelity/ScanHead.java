package io.inverseface.benchmarks.fidelity;

import io.inverseface.render.io.ImageFiles;
import io.inverseface.benchmarks.SharedFolder;
import io.inverseface.data.obj.ObjMesh;
import io.inverseface.data.obj.ObjReader;
import io.inverseface.data.obj.ObjTriangles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inverseface.render.RgbImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real head scan of {@code shared/eval/scan-lps}: positions in millimetres (x to the subject's left, y
 * up, z out of the face, as the ICT model), triangles, texture coordinates (v up) with their own corner
 * indices, the colour texture and the 68 iBUG landmarks on the surface.
 *
 * <p>Units: the README fixes 50 mm per source unit. Whether the OBJ still holds source units or already
 * millimetres is decided from the data, not assumed: {@code landmarks-68.json} gives each landmark both as
 * a triangle + barycentric weights and as {@code points_mm}, so the interpolated raw vertices must agree
 * with {@code points_mm} either as they are (scale 1) or after ×50. Anything else is an error.
 *
 * @param positions   x, y, z per vertex, mm
 * @param triangles   three vertex indices per triangle, counter-clockwise seen from outside
 * @param uvs         u, v per texture vertex (v up)
 * @param uvTriangles three texture-vertex indices per triangle (same triangle order)
 * @param texture     the colour map as stored (sRGB values in [0, 1])
 * @param landmarks   x, y, z per iBUG landmark (68), mm, on the surface
 * @param sourceScale the factor applied to the OBJ positions (1 when the file was already in mm)
 */
public record ScanHead(float[] positions, int[] triangles, float[] uvs, int[] uvTriangles, RgbImage texture,
                       double[] landmarks, double sourceScale) {

    private static final Logger LOG = LoggerFactory.getLogger(ScanHead.class);

    /** Millimetres per source unit, from the scan's README (anatomical calibration, ±5 %). */
    public static final double MM_PER_SOURCE_UNIT = 50.0;
    /** Where the scan lives relative to a directory at or above the working directory. */
    public static final Path RELATIVE_DIRECTORY = Paths.get("shared", "eval", "scan-lps");
    /** Index of the nose tip in the iBUG markup. */
    public static final int NOSE_TIP = 30;
    /** Largest disagreement (mm) between interpolated vertices and {@code points_mm} that counts as a match. */
    private static final double LANDMARK_TOLERANCE_MM = 0.01;

    public ScanHead {
        if (positions.length % 3 != 0 || triangles.length % 3 != 0 || uvTriangles.length != triangles.length
                || landmarks.length != 3 * 68) {
            throw new IllegalArgumentException("inconsistent scan arrays");
        }
    }

    public int vertexCount() {
        return positions.length / 3;
    }

    public int triangleCount() {
        return triangles.length / 3;
    }

    /** Landmark {@code k} as a fresh {@code {x, y, z}}. */
    public double[] landmark(int k) {
        return Arrays.copyOfRange(landmarks, 3 * k, 3 * k + 3);
    }

    /**
     * The scan directory beside this checkout: walking up from the working directory, the first
     * {@code D/shared/eval/scan-lps} or {@code D/../shared/eval/scan-lps} holding the OBJ (so it works from
     * the repository root and from a module directory, as the model resolver does).
     */
    public static Optional<Path> locate() {
        return SharedFolder.locate(RELATIVE_DIRECTORY, c -> Files.isRegularFile(c.resolve("lps-head.obj"))
                && Files.isRegularFile(c.resolve("landmarks-68.json")));
    }

    /** Loads the scan from {@link #locate()}, failing with a clear message when it is absent. */
    public static ScanHead load() {
        return load(locate().orElseThrow(() -> new IllegalStateException(
                "scan not found: no shared/eval/scan-lps at or above " + Paths.get("").toAbsolutePath())));
    }

    /** Loads {@code lps-head.obj}, its texture and {@code landmarks-68.json} from {@code directory}. */
    public static ScanHead load(Path directory) {
        try {
            Obj obj = readObj(directory.resolve("lps-head.obj"));
            RgbImage texture = ImageFiles.read(directory.resolve("lps-colour.jpg"));
            JsonNode json = new ObjectMapper().readTree(directory.resolve("landmarks-68.json").toFile());
            int n = json.get("points_mm").size();
            if (n != 68) {
                throw new IllegalStateException("expected 68 scan landmarks, got " + n);
            }
            int[] tri = new int[n];
            double[] bary = new double[3 * n], points = new double[3 * n];
            for (int k = 0; k < n; k++) {
                tri[k] = json.get("triangles").get(k).asInt();
                for (int j = 0; j < 3; j++) {
                    bary[3 * k + j] = json.get("barycentric").get(k).get(j).asDouble();
                    points[3 * k + j] = json.get("points_mm").get(k).get(j).asDouble();
                }
            }
            double scale = detectScale(obj.positions, obj.triangles, tri, bary, points);
            if (scale != 1.0) {
                for (int i = 0; i < obj.positions.length; i++) {
                    obj.positions[i] = (float) (obj.positions[i] * scale);
                }
            }
            LOG.info("scan {}: {} vertices, {} triangles, texture {}x{}, source scale {}", directory,
                    obj.positions.length / 3, obj.triangles.length / 3, texture.width(), texture.height(), scale);
            return new ScanHead(obj.positions, obj.triangles, obj.uvs, obj.uvTriangles, texture, points, scale);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the scan in " + directory, e);
        }
    }

    /**
     * 1 when the raw vertices interpolated at the landmarks' barycentrics reproduce {@code points_mm},
     * {@link #MM_PER_SOURCE_UNIT} when they do after scaling; otherwise the file and the landmarks disagree.
     */
    static double detectScale(float[] positions, int[] triangles, int[] tri, double[] bary, double[] points) {
        double worst1 = 0, worst50 = 0;
        for (int k = 0; k < tri.length; k++) {
            for (int d = 0; d < 3; d++) {
                double p = 0;
                for (int j = 0; j < 3; j++) {
                    p += bary[3 * k + j] * positions[3 * triangles[3 * tri[k] + j] + d];
                }
                worst1 = Math.max(worst1, Math.abs(p - points[3 * k + d]));
                worst50 = Math.max(worst50, Math.abs(MM_PER_SOURCE_UNIT * p - points[3 * k + d]));
            }
        }
        if (worst1 <= LANDMARK_TOLERANCE_MM) {
            return 1.0;
        }
        if (worst50 <= LANDMARK_TOLERANCE_MM) {
            return MM_PER_SOURCE_UNIT;
        }
        throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                "scan landmarks disagree with the mesh: %.3f mm as stored, %.3f mm after x%.0f",
                worst1, worst50, MM_PER_SOURCE_UNIT));
    }

    private record Obj(float[] positions, int[] triangles, float[] uvs, int[] uvTriangles) { }

    /** The OBJ through the project's reader, polygons fan-triangulated; every corner must have a UV. */
    private static Obj readObj(Path file) throws IOException {
        ObjMesh mesh = ObjReader.read(file);
        ObjTriangles fans = ObjTriangles.of(mesh);
        if (fans.firstWithoutUvs() >= 0) {
            throw new IOException(file + ": a face corner has no texture coordinate");
        }
        return new Obj(mesh.positions(), fans.vertices(), mesh.uvs(), fans.uvs());
    }
}
