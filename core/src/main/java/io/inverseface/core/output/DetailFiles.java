package io.inverseface.core.output;

import java.nio.file.Path;
import java.util.List;

/**
 * Where {@link ReconstructionWriter#write} put the detail stage's files (present only when the
 * reconstruction has a detail result).
 *
 * @param albedoPng       {@code albedo.png}: the refined albedo as a UV texture (model UVs, unseen texels from the coarse albedo)
 * @param obj             {@code detail.obj}: the detailed mesh with texture coordinates, referencing {@code detail.mtl}
 * @param mtl             {@code detail.mtl}: the material whose diffuse map is {@code albedo.png}
 * @param ply             {@code detail.ply}: the detailed mesh, binary PLY with the refined albedo as vertex colours
 * @param glb             {@code detail.glb}: binary glTF 2.0 with normals, texture coordinates and the texture embedded
 * @param displacementPng {@code displacement.png}: the displacement in UV space, diverging colours, legend strip below
 * @param displacementPfm {@code displacement.pfm}: the same displacement as float32 millimetres (0 where no triangle maps)
 * @param gridPng         {@code detail-grid.png}: photo, coarse, fine and textured renders from the front and at ±30° yaw
 */
public record DetailFiles(Path albedoPng, Path obj, Path mtl, Path ply, Path glb, Path displacementPng,
                          Path displacementPfm, Path gridPng) {

    /** The standard file names inside {@code directory}. */
    static DetailFiles in(Path directory) {
        return new DetailFiles(directory.resolve("albedo.png"), directory.resolve("detail.obj"),
                directory.resolve("detail.mtl"), directory.resolve("detail.ply"), directory.resolve("detail.glb"),
                directory.resolve("displacement.png"), directory.resolve("displacement.pfm"),
                directory.resolve("detail-grid.png"));
    }

    /** Every file, in the order they are written. */
    public List<Path> all() {
        return List.of(albedoPng, obj, mtl, ply, glb, displacementPng, displacementPfm, gridPng);
    }
}
