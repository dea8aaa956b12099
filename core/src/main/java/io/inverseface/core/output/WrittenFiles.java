package io.inverseface.core.output;

import java.nio.file.Path;
import java.util.ArrayList;
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
 * @param maskPng         {@code mask.png}: where the fit took the photo to show the face's skin (white) and
 *                        where it ignored it (dark: hair, glasses, beard, background inside the outline)
 * @param detail          the detail stage's files, or null when the reconstruction has no detail result
 */
public record WrittenFiles(Path directory, Path meshObj, Path meshPly, Path parametersJson, Path overlayPng,
                           Path landmarksPng, Path shadedPng, Path shadedFrontPng, Path maskPng, DetailFiles detail) {

    public WrittenFiles {
        Objects.requireNonNull(directory, "directory");
    }

    /** Without detail files. */
    public WrittenFiles(Path directory, Path meshObj, Path meshPly, Path parametersJson, Path overlayPng,
                        Path landmarksPng, Path shadedPng, Path shadedFrontPng) {
        this(directory, meshObj, meshPly, parametersJson, overlayPng, landmarksPng, shadedPng, shadedFrontPng,
                directory.resolve("mask.png"), null);
    }

    /** The standard file names inside {@code directory}, with the detail files when {@code withDetail}. */
    static WrittenFiles in(Path directory, boolean withDetail) {
        return new WrittenFiles(directory, directory.resolve("mesh.obj"), directory.resolve("mesh.ply"),
                directory.resolve("parameters.json"), directory.resolve("overlay.png"),
                directory.resolve("landmarks.png"), directory.resolve("shaded.png"),
                directory.resolve("shaded-front.png"), directory.resolve("mask.png"),
                withDetail ? DetailFiles.in(directory) : null);
    }

    /**
     * Every file name a {@link ReconstructionWriter} may write, detail files included: what a folder of
     * an earlier run can hold that a new run must replace or remove.
     */
    public static List<String> possibleNames() {
        return in(Path.of("."), true).all().stream().map(p -> p.getFileName().toString()).toList();
    }

    /** True when the detail files were written. */
    public boolean hasDetail() {
        return detail != null;
    }

    /** Every written file, in the order they are written (the detail files last, when present). */
    public List<Path> all() {
        List<Path> base = List.of(meshObj, meshPly, parametersJson, overlayPng, landmarksPng, shadedPng, shadedFrontPng,
                maskPng);
        if (detail == null) {
            return base;
        }
        List<Path> out = new ArrayList<>(base);
        out.addAll(detail.all());
        return List.copyOf(out);
    }
}
