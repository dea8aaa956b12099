package io.inverseface.core.output;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where {@link ReconstructionWriter#write} put each file of one reconstruction.
 *
 * @param directory       the output directory
 * @param meshObj         {@code mesh.obj}: fitted mesh with per-vertex albedo colours
 * @param meshPly         {@code mesh.ply}: the same mesh, binary PLY with 8-bit colours
 * @param parametersJson  {@code parameters.json}: coefficients, pose, lighting, landmarks, summary
 * @param overlayPng      {@code overlay.png}: the fitted face composited over the photo
 * @param landmarksPng    {@code landmarks.png}: input and fitted landmarks over the photo
 * @param shadedPng       {@code shaded.png}: grey geometry from the fitted camera over the dimmed photo
 * @param shadedFrontPng  {@code shaded-front.png}: grey geometry seen from the front
 */
public record WrittenFiles(Path directory, Path meshObj, Path meshPly, Path parametersJson, Path overlayPng,
                           Path landmarksPng, Path shadedPng, Path shadedFrontPng) {

    public WrittenFiles {
        Objects.requireNonNull(directory, "directory");
    }

    /** The standard file names inside {@code directory}. */
    static WrittenFiles in(Path directory) {
        return new WrittenFiles(directory, directory.resolve("mesh.obj"), directory.resolve("mesh.ply"),
                directory.resolve("parameters.json"), directory.resolve("overlay.png"),
                directory.resolve("landmarks.png"), directory.resolve("shaded.png"),
                directory.resolve("shaded-front.png"));
    }

    /** Every written file, in the order they are written. */
    public List<Path> all() {
        return List.of(meshObj, meshPly, parametersJson, overlayPng, landmarksPng, shadedPng, shadedFrontPng);
    }
}
