package io.inverseface.data.weights;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Opens the bundled face-api weight files (TF.js manifests and binary shards).
 *
 * <p>The files are the unchanged copies from {@code @vladmandic/face-api@1.7.15} (MIT); the script
 * {@code data/scripts/fetch-face-api-weights.sh} reproduces and verifies them.
 */
public final class FaceApiWeights {

    /** Resource folder holding the weights, the licence and the provenance note. */
    public static final String FOLDER = "/io/inverseface/data/weights/";
    /** Licence text of the package the weights come from. */
    public static final String LICENSE = "LICENSE";

    private FaceApiWeights() {
    }

    /**
     * @param model which network
     * @return a fresh stream over its TF.js {@code weights_manifest.json}; the caller closes it
     * @throws IllegalStateException if the resource is missing from the classpath
     */
    public static InputStream openManifest(FaceApiModel model) {
        return open(model.manifestFileName());
    }

    /**
     * @param path a shard path exactly as listed in the manifest's {@code paths}
     * @return a fresh stream over that binary shard; the caller closes it
     * @throws IllegalStateException if the resource is missing or the path leaves the folder
     */
    public static InputStream openShard(String path) {
        if (path.contains("/") || path.contains("\\") || path.startsWith(".")) {
            throw new IllegalStateException("weight shard path must be a plain file name, got '" + path + "'");
        }
        return open(path);
    }

    /** @return the licence text of the bundled weights */
    public static String licenseText() {
        try (InputStream in = open(LICENSE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read weights resource " + FOLDER + LICENSE, e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = FaceApiWeights.class.getResourceAsStream(FOLDER + name);
        if (in == null) {
            throw new IllegalStateException("weights resource " + FOLDER + name + " is missing from the classpath");
        }
        return in;
    }
}
