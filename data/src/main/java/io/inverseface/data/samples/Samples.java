package io.inverseface.data.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The sample photograph shipped with the library and its hand-placed 68 iBUG landmarks.
 *
 * <p>{@code astronaut.png}: Eileen Collins, NASA portrait (public domain), 512×512 RGB, taken from
 * scikit-image's data directory; see {@code PROVENANCE.md} next to it for the source and checksum.
 *
 * <p>Landmark coordinates use the library-wide convention: {@code (0, 0)} is the top-left corner of
 * the top-left pixel, x right, y down (pixel centres at {@code +0.5}). The {@code .pts} copy of the
 * same points follows the iBUG/300-W 1-based convention and is therefore {@code +0.5} on both axes.
 */
public final class Samples {

    /** Resource folder holding the samples. */
    static final String FOLDER = "/io/inverseface/data/samples/";
    /** File name of the sample photo. */
    public static final String ASTRONAUT_IMAGE = "astronaut.png";
    /** File name of its landmarks in JSON (pixel-corner convention). */
    public static final String ASTRONAUT_LANDMARKS_JSON = "astronaut.json";
    /** File name of its landmarks in iBUG {@code .pts} (1-based 300-W convention). */
    public static final String ASTRONAUT_LANDMARKS_PTS = "astronaut.pts";
    /** Number of landmarks in the iBUG markup. */
    public static final int LANDMARK_COUNT = 68;

    private static final ConcurrentMap<String, Path> EXTRACTED = new ConcurrentHashMap<>();

    private Samples() {
    }

    /**
     * @return a fresh stream over the sample photo's PNG bytes; the caller closes it
     */
    public static InputStream astronautImageStream() {
        return open(ASTRONAUT_IMAGE);
    }

    /**
     * @return a readable file holding the sample photo: the resource itself when it lies on the
     *     file system, otherwise a temporary copy (made once per JVM, deleted on exit)
     */
    public static Path astronautImage() {
        return file(ASTRONAUT_IMAGE);
    }

    /**
     * @return a readable iBUG {@code .pts} file of the sample's landmarks (1-based 300-W convention)
     */
    public static Path astronautLandmarksPts() {
        return file(ASTRONAUT_LANDMARKS_PTS);
    }

    /**
     * @return a readable JSON file of the sample's landmarks (pixel-corner convention)
     */
    public static Path astronautLandmarksJson() {
        return file(ASTRONAUT_LANDMARKS_JSON);
    }

    /**
     * @return the 68 hand-placed landmarks as rows {@code {x, y}}, pixel-corner convention (fresh arrays)
     */
    public static double[][] astronautLandmarks() {
        try (InputStream in = open(ASTRONAUT_LANDMARKS_JSON)) {
            JsonNode list = new ObjectMapper().readTree(in).get("landmarks");
            if (list == null || !list.isArray() || list.size() != LANDMARK_COUNT) {
                throw new IllegalStateException("sample resource " + ASTRONAUT_LANDMARKS_JSON
                        + " does not hold 68 landmarks");
            }
            double[][] out = new double[LANDMARK_COUNT][];
            for (int i = 0; i < LANDMARK_COUNT; i++) {
                out[i] = new double[] {list.get(i).get(0).doubleValue(), list.get(i).get(1).doubleValue()};
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample resource " + ASTRONAUT_LANDMARKS_JSON, e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = Samples.class.getResourceAsStream(FOLDER + name);
        if (in == null) {
            throw new IllegalStateException("sample resource " + FOLDER + name + " is missing from the classpath");
        }
        return in;
    }

    private static Path file(String name) {
        return EXTRACTED.computeIfAbsent(name, Samples::locateOrExtract);
    }

    private static Path locateOrExtract(String name) {
        URL url = Samples.class.getResource(FOLDER + name);
        if (url == null) {
            throw new IllegalStateException("sample resource " + FOLDER + name + " is missing from the classpath");
        }
        return asFile(url, name);
    }

    /**
     * @param url  where a resource lives (a {@code file:} URL, or e.g. a {@code jar:} URL)
     * @param name its file name, used for the temporary copy's prefix and suffix
     * @return the file itself for {@code file:} URLs, otherwise a temporary copy deleted on exit
     */
    static Path asFile(URL url, String name) {
        if ("file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException | IllegalArgumentException e) {
                // unusual file URL: fall through to copying
            }
        }
        // Inside a jar: callers such as the CLI need a real file, so copy it out once.
        int dot = name.lastIndexOf('.');
        String prefix = "inverseface-" + (dot > 0 ? name.substring(0, dot) : name) + "-";
        String suffix = dot > 0 ? name.substring(dot) : ".tmp";
        try (InputStream in = url.openStream()) {
            Path tmp = Files.createTempFile(prefix, suffix);
            tmp.toFile().deleteOnExit();
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy sample resource " + url + " to a temporary file", e);
        }
    }
}
