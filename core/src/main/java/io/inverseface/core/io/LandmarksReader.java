package io.inverseface.core.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads 68-point landmarks from iBUG {@code .pts} or JSON files.
 *
 * <h2>{@code .pts} (iBUG / 300-W)</h2>
 * <pre>
 * version: 1
 * n_points: 68
 * {
 * x0 y0
 * ...
 * }
 * </pre>
 * We assume the 300-W convention: coordinates are 1-based in the MATLAB sense, i.e. the centre of
 * the top-left pixel is {@code (1, 1)}. Our convention puts that centre at {@code (0.5, 0.5)}, so
 * {@code ours = pts - }{@value #PTS_OFFSET} on both axes.
 *
 * <h2>JSON</h2>
 * Either an array of 68 {@code [x, y]} pairs or an object {@code {"landmarks": [[x, y], ...]}}
 * (other fields ignored), already in our convention (pixel corner origin, no offset applied).
 *
 * <p>Problems with the file itself raise {@link LandmarkFormatException}; a wrong count or a
 * non-finite value raises {@link InvalidLandmarksException}; both messages name the file.
 */
public final class LandmarksReader {

    /** Subtracted from iBUG {@code .pts} coordinates to reach our pixel-corner convention. */
    public static final double PTS_OFFSET = 0.5;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // so "NaN" is reported as NaN, not as a syntax error
            .build();

    private LandmarksReader() {
    }

    /**
     * Reads a {@code .pts} or {@code .json} file, chosen by extension (or by content if neither).
     *
     * @param file the landmark file
     * @return the landmarks in our pixel convention
     */
    public static Landmarks read(Path file) {
        String text = readText(file);
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pts")) {
            return parsePts(text, file);
        }
        if (name.endsWith(".json")) {
            return parseJson(text, file);
        }
        String start = text.stripLeading();
        if (start.startsWith("[") || start.startsWith("{")) {
            return parseJson(text, file);
        }
        if (start.startsWith("version")) {
            return parsePts(text, file);
        }
        throw new LandmarkFormatException(file, "neither iBUG .pts nor landmark JSON (use a .pts or .json file)");
    }

    /**
     * @param file an iBUG {@code .pts} file
     * @return the landmarks in our pixel convention
     */
    public static Landmarks readPts(Path file) {
        return parsePts(readText(file), file);
    }

    /**
     * @param file a landmark JSON file
     * @return the landmarks in our pixel convention
     */
    public static Landmarks readJson(Path file) {
        return parseJson(readText(file), file);
    }

    /**
     * @param text   content of an iBUG {@code .pts} file
     * @param source file name for messages (may be {@code null})
     * @return the landmarks in our pixel convention
     */
    public static Landmarks parsePts(String text, Path source) {
        String[] lines = text.split("\\R");
        int declared = -1;
        int i = 0;
        // Header: "key: value" lines until the opening brace.
        for (; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("{")) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new LandmarkFormatException(source, "line " + (i + 1) + ": expected a 'key: value' header or '{', got '"
                        + abbreviate(line) + "'");
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (key.equals("n_points")) {
                try {
                    declared = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new LandmarkFormatException(source, "line " + (i + 1) + ": n_points is not an integer: '"
                            + abbreviate(value) + "'");
                }
            }
        }
        if (i >= lines.length) {
            throw new LandmarkFormatException(source, "no '{' opening the point list");
        }
        if (declared < 0) {
            throw new LandmarkFormatException(source, "missing the 'n_points:' header");
        }
        double[] xy = new double[2 * Math.max(declared, 0)];
        int n = 0;
        boolean closed = false;
        for (i++; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("}")) {
                closed = true;
                break;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new LandmarkFormatException(source, "line " + (i + 1) + ": expected 'x y', got '" + abbreviate(line) + "'");
            }
            if (n >= declared) {
                throw new InvalidLandmarksException("landmark file " + source + " declares n_points: " + declared
                        + " but lists more points");
            }
            try {
                xy[2 * n] = Double.parseDouble(parts[0]) - PTS_OFFSET;
                xy[2 * n + 1] = Double.parseDouble(parts[1]) - PTS_OFFSET;
            } catch (NumberFormatException e) {
                throw new LandmarkFormatException(source, "line " + (i + 1) + ": not a number in '" + abbreviate(line) + "'");
            }
            n++;
        }
        if (!closed) {
            throw new LandmarkFormatException(source, "the point list is not closed with '}' (file truncated?)");
        }
        if (n != declared) {
            throw new InvalidLandmarksException("landmark file " + source + " declares n_points: " + declared
                    + " but lists " + n + " points");
        }
        return build(xy, source);
    }

    /**
     * @param text   content of a landmark JSON file
     * @param source file name for messages (may be {@code null})
     * @return the landmarks (already in our pixel convention)
     */
    public static Landmarks parseJson(String text, Path source) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new LandmarkFormatException(source, "invalid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new LandmarkFormatException(source, "the file is empty");
        }
        JsonNode list = root;
        if (root.isObject()) {
            list = root.get("landmarks");
            if (list == null) {
                throw new LandmarkFormatException(source, "JSON object has no \"landmarks\" field");
            }
        }
        if (!list.isArray()) {
            throw new LandmarkFormatException(source, "expected an array of [x, y] pairs");
        }
        double[] xy = new double[2 * list.size()];
        for (int k = 0; k < list.size(); k++) {
            JsonNode p = list.get(k);
            if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                throw new LandmarkFormatException(source, "landmark " + k + " is not an [x, y] pair of numbers: "
                        + abbreviate(p.toString()));
            }
            xy[2 * k] = p.get(0).doubleValue();
            xy[2 * k + 1] = p.get(1).doubleValue();
        }
        return build(xy, source);
    }

    private static Landmarks build(double[] xy, Path source) {
        try {
            return new Landmarks(xy);
        } catch (InvalidLandmarksException e) {
            throw new InvalidLandmarksException("landmark file " + source + ": " + e.getMessage());
        }
    }

    private static String readText(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("landmark path is null");
        }
        if (Files.isDirectory(file)) {
            throw new LandmarkFormatException(file, "it is a directory, expected a .pts or .json file");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new LandmarkFormatException(file, "file not found", e);
        } catch (IOException e) {
            throw new LandmarkFormatException(file, "cannot read it as UTF-8 text: " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
