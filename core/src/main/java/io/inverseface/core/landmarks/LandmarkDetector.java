package io.inverseface.core.landmarks;

import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import java.util.List;

/**
 * Finds faces and their 68 iBUG landmarks in a photo. Implement it to plug in another detector.
 */
public interface LandmarkDetector {

    /**
     * @param image the photo
     * @return every face found, largest box first; empty when there is none
     */
    List<DetectedFace> detect(RgbImage image);

    /**
     * What this detector is, settings included, in one line: two detectors with the same description find
     * the same landmarks. A batch's resume key includes it. The default is the class name; a detector
     * with settings should override it.
     */
    default String description() {
        return getClass().getName();
    }

    /**
     * @param image the photo
     * @return the landmarks of the largest face
     * @throws NoFaceFoundException when no face is found (never a guess)
     */
    default Landmarks detectLargest(RgbImage image) {
        return detect(image, FaceChoice.largest()).landmarks();
    }

    /**
     * @param image  the photo
     * @param choice which face, when there are several
     * @return that face
     * @throws NoFaceFoundException when no face is found, or not the one asked for (never a guess)
     */
    default DetectedFace detect(RgbImage image, FaceChoice choice) {
        return choice.choose(detect(image), image);
    }
}
