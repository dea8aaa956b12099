package io.inverseface.core.landmarks;

import io.inverseface.core.io.Landmarks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A detector's systematic offset from the 300-W annotators' convention, point by point, taken back out: each point
 * moves by {@code −d·R(θ)·b_i}, where b_i is the mean error of point i measured on annotated photos in the
 * detection's own {@link FaceFrame} (x along its outer eye corners 36→45, y perpendicular, in units of its
 * eye distance d; θ the eye line's angle). The mesh's points are not where the 300-W annotators put theirs: its
 * outline ends above their chin (b_8 ≈ 0.05 eye distances) and its outer eye corners lie outside theirs.
 *
 * <p>This is a 2D convention, not a truth about the face: on held-out photos it brings the mesh's 68 points
 * from 5.56 to 4.98 % NME (AFW, the table from LFPW), but a fit to the calibrated points lands further from a
 * real head scan (1.33 → 1.47 mm), so the detectors leave it off unless asked ({@code mediapipe:calibrate=true},
 * for 68 points in the 300-W convention; BENCHMARKS.md).
 *
 * <p>The offsets are read from a table written by the detector benchmark ({@code DetectorLandmarkBenchmark
 * --points FILE}, one set of photos, the other kept for checking) and made left-right symmetric here, as
 * the mirror-averaged mesh is: {@code b_i ← (b_i + mirror(b_partner(i)))/2}, so that a constant sideways
 * shift of the annotations (their pixel convention) is not learnt.
 */
public final class PointCalibration {

    /** The mesh detector's table, measured on 300-W LFPW test (224 photos). */
    static final String MESH_RESOURCE = "mesh68-offsets.csv";

    private final double[] bias;

    private PointCalibration(double[] bias) {
        this.bias = bias;
    }

    /** @return the mesh detector's calibration ({@value #MESH_RESOURCE}) */
    public static PointCalibration mesh() {
        return Holder.MESH;
    }

    private static final class Holder {
        static final PointCalibration MESH = read(MESH_RESOURCE);
    }

    /**
     * @param rawBias interleaved mean errors (x, y per point, 136 values) in the face frame, before symmetry
     * @return the symmetric calibration
     */
    static PointCalibration of(double[] rawBias) {
        if (rawBias.length != 2 * Landmarks.COUNT) {
            throw new IllegalArgumentException("need 136 offsets, got " + rawBias.length);
        }
        double[] b = new double[rawBias.length];
        for (int i = 0; i < Landmarks.COUNT; i++) {
            int j = MirroredLandmarks.partner(i);
            b[2 * i] = 0.5 * (rawBias[2 * i] - rawBias[2 * j]);
            b[2 * i + 1] = 0.5 * (rawBias[2 * i + 1] + rawBias[2 * j + 1]);
        }
        return new PointCalibration(b);
    }

    /** @return the offset of point i, {x, y}, face frame, eye distances (after symmetry) */
    public double[] offset(int i) {
        return new double[] {bias[2 * i], bias[2 * i + 1]};
    }

    /**
     * @param points detected points
     * @return the points with each one's offset removed, in the frame of their own eye line
     */
    public Landmarks apply(Landmarks points) {
        double[] p = points.coordinates();
        FaceFrame frame = FaceFrame.of(p);
        double[] out = new double[p.length];
        for (int i = 0; i < Landmarks.COUNT; i++) {
            double[] shift = frame.toPixels(bias[2 * i], bias[2 * i + 1]);
            out[2 * i] = p[2 * i] - shift[0];
            out[2 * i + 1] = p[2 * i + 1] - shift[1];
        }
        return new Landmarks(out);
    }

    /** Reads {@code point,sigma,bias_x,bias_y} rows (lines starting with # and the header skipped). */
    static PointCalibration read(String resource) {
        InputStream in = PointCalibration.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing landmark calibration table " + resource);
        }
        try (in; BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            double[] raw = new double[2 * Landmarks.COUNT];
            boolean[] seen = new boolean[Landmarks.COUNT];
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith("point")) {
                    continue;
                }
                String[] f = line.split(",");
                int i = Integer.parseInt(f[0]);
                raw[2 * i] = Double.parseDouble(f[2]);
                raw[2 * i + 1] = Double.parseDouble(f[3]);
                seen[i] = true;
            }
            for (int i = 0; i < seen.length; i++) {
                if (!seen[i]) {
                    throw new IllegalStateException(resource + " has no row for point " + i);
                }
            }
            return of(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
