package io.inverseface.data.weights;

/**
 * The face-api TF.js models bundled as resources (see {@code PROVENANCE.md} next to them).
 */
public enum FaceApiModel {

    /** Tiny-YOLOv2-style face detector with depthwise-separable convolutions, 416×416 input. */
    TINY_FACE_DETECTOR("tiny_face_detector_model"),
    /** 68-point landmark net: four dense blocks + fully connected layer, 112×112 input. */
    FACE_LANDMARK_68("face_landmark_68_model"),
    /** Smaller 68-point landmark net: three dense blocks of three convolutions. */
    FACE_LANDMARK_68_TINY("face_landmark_68_tiny_model");

    private final String baseName;

    FaceApiModel(String baseName) {
        this.baseName = baseName;
    }

    /** @return the file name stem used by face-api, e.g. {@code tiny_face_detector_model} */
    public String baseName() {
        return baseName;
    }

    /** @return the file name of the TF.js weights manifest */
    public String manifestFileName() {
        return baseName + "-weights_manifest.json";
    }
}
