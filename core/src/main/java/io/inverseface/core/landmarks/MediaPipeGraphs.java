package io.inverseface.core.landmarks;

import io.inverseface.core.landmarks.graph.GraphModel;
import io.inverseface.data.weights.MediaPipeModel;
import io.inverseface.data.weights.MediaPipeWeights;
import java.io.IOException;
import java.io.InputStream;

/** Loads the bundled MediaPipe graph models. */
final class MediaPipeGraphs {

    private MediaPipeGraphs() {
    }

    static GraphModel load(MediaPipeModel model) {
        try (InputStream in = MediaPipeWeights.openModel(model)) {
            return GraphModel.read(model.baseName(), in, MediaPipeWeights::openShard);
        } catch (IOException | IllegalStateException e) {
            throw new LandmarkModelException("cannot load the bundled " + model.baseName() + " model: " + e.getMessage(), e);
        }
    }
}
