package io.inverseface.core.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where the 68 iBUG points lie on a model's mesh, as a replacement of some of the model's own landmark
 * vertices: row {@code i} moves point {@code points[i]} from vertex {@code from[i]} (the model's own) to
 * {@code to[i]}.
 *
 * <p>Why: a model's landmark vertices are one convention, and the people who annotated the photos a
 * detector learns from follow another. Fitted to the 300-W annotations themselves, the ICT model's inner
 * points ended up to 4 % of the eye distance from them on average over 224 photos, the same way on every
 * face (the nose bridge top and the nostril wings low, the inner brow ends close together, the inner lips
 * wide): a fit can only follow such points by bending the face. {@link #annotated300W()} is learned from
 * those fits (LFPW's test set; {@code LandmarkEmbeddingLearner} in the benchmarks reproduces it) by moving
 * each inner point against its mean left-right symmetric offset and snapping it to the nearest vertex, a
 * few times over, as FLAME learned its landmark embedding from annotated images. The 17 jaw points are a
 * sliding contour and stay the model's.
 *
 * @param source  where the table comes from, one line
 * @param points  iBUG point indices (0–67), each at most once
 * @param from    the model's own vertex for each point: the table applies only to that model
 * @param to      the vertex to use instead
 */
public record LandmarkEmbedding(String source, int[] points, int[] from, int[] to) {
    /** The shipped table for the ICT Face Model Light, learned on LFPW's 300-W annotations. */
    public static final String ANNOTATED_300W_RESOURCE = "ict-face-light-landmarks-300w.csv";

    public LandmarkEmbedding {
        if (points.length != from.length || points.length != to.length) {
            throw new IllegalArgumentException("points, from and to differ in length: " + points.length + ", "
                    + from.length + ", " + to.length);
        }
        boolean[] seen = new boolean[io.inverseface.core.io.Landmarks.COUNT];
        for (int p : points) {
            if (p < 0 || p >= seen.length || seen[p]) {
                throw new IllegalArgumentException("landmark embedding: point " + p + " is out of 0-67 or repeated");
            }
            seen[p] = true;
        }
        points = points.clone();
        from = from.clone();
        to = to.clone();
    }

    @Override
    public int[] points() {
        return points.clone();
    }

    @Override
    public int[] from() {
        return from.clone();
    }

    @Override
    public int[] to() {
        return to.clone();
    }

    /** The model's own landmark vertices, unchanged. */
    public static LandmarkEmbedding none() {
        return new LandmarkEmbedding("the model's own landmark vertices", new int[0], new int[0], new int[0]);
    }

    /** The ICT model's inner points moved to where 300-W's annotators put them ({@value #ANNOTATED_300W_RESOURCE}). */
    public static LandmarkEmbedding annotated300W() {
        try (InputStream in = LandmarkEmbedding.class.getResourceAsStream(ANNOTATED_300W_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + ANNOTATED_300W_RESOURCE + " is missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ANNOTATED_300W_RESOURCE, e);
        }
    }

    /**
     * Parses the CSV form ({@link #toCsv()}): {@code #} comment lines (the first is the source), a header
     * {@code point,from,to}, then one row per moved point.
     */
    public static LandmarkEmbedding parse(List<String> lines) {
        String source = null;
        List<int[]> rows = new ArrayList<>();
        boolean header = false;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                if (source == null) {
                    source = line.substring(1).strip();
                }
                continue;
            }
            if (!header) {
                if (!line.equals("point,from,to")) {
                    throw new IllegalArgumentException("landmark embedding line " + (n + 1) + ": expected the header point,from,to, got " + line);
                }
                header = true;
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 3) {
                throw new IllegalArgumentException("landmark embedding line " + (n + 1) + ": expected point,from,to, got " + line);
            }
            try {
                rows.add(new int[] {Integer.parseInt(f[0].strip()), Integer.parseInt(f[1].strip()), Integer.parseInt(f[2].strip())});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("landmark embedding line " + (n + 1) + ": not integers: " + line, e);
            }
        }
        if (!header) {
            throw new IllegalArgumentException("landmark embedding: no header point,from,to");
        }
        return new LandmarkEmbedding(source == null ? "" : source, rows.stream().mapToInt(r -> r[0]).toArray(),
                rows.stream().mapToInt(r -> r[1]).toArray(), rows.stream().mapToInt(r -> r[2]).toArray());
    }

    /** The CSV form {@link #parse} reads, with the given comment lines first (the source if none). */
    public String toCsv(String... comments) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(source).append('\n');
        for (String c : comments) {
            sb.append("# ").append(c).append('\n');
        }
        sb.append("point,from,to\n");
        for (int i = 0; i < points.length; i++) {
            sb.append(String.format(Locale.ROOT, "%d,%d,%d%n", points[i], from[i], to[i]));
        }
        return sb.toString();
    }

    /** Whether the table was made for a model with these landmark vertices. */
    public boolean fits(int[] modelLandmarks) {
        for (int i = 0; i < points.length; i++) {
            if (points[i] >= modelLandmarks.length || modelLandmarks[points[i]] != from[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param modelLandmarks the model's own 68 landmark vertices
     * @return them with this table's points moved, a new array
     * @throws IllegalArgumentException if the table was made for another model ({@link #fits})
     */
    public int[] applyTo(int[] modelLandmarks) {
        if (!fits(modelLandmarks)) {
            throw new IllegalArgumentException("the landmark embedding (" + source + ") was made for another model: "
                    + "its 'from' vertices are not this model's landmark vertices");
        }
        int[] out = Arrays.copyOf(modelLandmarks, modelLandmarks.length);
        for (int i = 0; i < points.length; i++) {
            out[points[i]] = to[i];
        }
        return out;
    }

    /** The number of points the table moves. */
    public int size() {
        return points.length;
    }
}
