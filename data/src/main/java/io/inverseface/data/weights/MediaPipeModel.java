package io.inverseface.data.weights;

/**
 * The MediaPipe TF.js graph models bundled as resources (see {@code README.md} of {@code inverseface-data}).
 */
public enum MediaPipeModel {

    /** BlazeFace short-range face detector ("back camera" variant), 256×256 input, 896 anchors. */
    BLAZEFACE("blazeface"),
    /** MediaPipe face mesh, 192×192 face crop in, 468 points (x, y, z) and a face score out. */
    FACE_MESH("facemesh");

    private final String baseName;

    MediaPipeModel(String baseName) {
        this.baseName = baseName;
    }

    /** @return the file name stem, e.g. {@code blazeface} */
    public String baseName() {
        return baseName;
    }

    /** @return the file name of the TF.js {@code model.json} (topology + weights manifest) */
    public String modelFileName() {
        return baseName + ".json";
    }
}
