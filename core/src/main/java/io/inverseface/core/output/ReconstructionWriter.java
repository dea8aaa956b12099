package io.inverseface.core.output;

import io.inverseface.render.io.ImageFiles;
import io.inverseface.core.Futures;
import io.inverseface.core.Reconstruction;
import io.inverseface.render.RgbImage;
import io.inverseface.core.model.FaceModel;
import io.inverseface.render.Renderer;
import io.inverseface.render.io.PfmWriter;
import io.inverseface.render.io.AtomicFiles;
import io.inverseface.render.io.GlbWriter;
import io.inverseface.render.io.ObjWriter;
import io.inverseface.render.io.PlyWriter;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one {@link Reconstruction} into a directory; the reconstruction carries the photo and the model it
 * was fitted with, so nothing else is needed:
 * <ul>
 *   <li>{@code mesh.obj}, {@code mesh.ply}: the fitted mesh (model millimetres) with the albedo as
 *       per-vertex colour;</li>
 *   <li>{@code parameters.json}: identity, named expression weights, albedo, pose, the 27 SH lighting
 *       coefficients, input and fitted landmarks with their RMS, and the per-stage summary;</li>
 *   <li>{@code overlay.png}: the fitted face region over the photo ({@link Overlay});</li>
 *   <li>{@code landmarks.png}: input landmarks as green rings, fitted ones as red dots, a yellow
 *       line between each pair;</li>
 *   <li>{@code shaded.png}: the geometry in grey from the fitted camera over the dimmed photo;</li>
 *   <li>{@code shaded-front.png}: the geometry in grey from the front, {@value #FRONT_VIEW_SIZE} px square;</li>
 *   <li>{@code mask.png}: {@link Reconstruction#skinMask()}, white where the photo shows the face's skin;</li>
 *   <li>only when the reconstruction has a detail result ({@link DetailFiles}): {@code albedo.png} (the refined
 *       albedo as a {@value #TEXTURE_SIZE}² UV texture), {@code detail.obj} + {@code detail.mtl} (textured),
 *       {@code detail.ply} (refined albedo as vertex colours), {@code detail.glb} (binary glTF 2.0, texture
 *       embedded), {@code displacement.png} (UV map, diverging colours, a legend strip of
 *       {@value #DISPLACEMENT_LEGEND_HEIGHT} px below), {@code displacement.pfm} (float32 mm) and
 *       {@code detail-grid.png} (photo, coarse, fine and textured renders at 0° and ±30° yaw,
 *       {@value #GRID_CELL_SIZE} px cells).</li>
 * </ul>
 * Every file is written atomically (temporary file, then rename), so a reader never sees a partial
 * file and a failed write leaves no temporary file behind. All pictures are computed before the first
 * file is written. Stateless, so one writer may serve several threads.
 */
public final class ReconstructionWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ReconstructionWriter.class);

    /** Width and height of {@code shaded-front.png}. */
    public static final int FRONT_VIEW_SIZE = 512;
    /** Width and height of {@code albedo.png} and {@code displacement.pfm}, and the width of {@code displacement.png}. */
    public static final int TEXTURE_SIZE = DetailOutputs.TEXTURE_SIZE;
    /** Height of the legend strip below the map in {@code displacement.png}. */
    public static final int DISPLACEMENT_LEGEND_HEIGHT = DisplacementMap.LEGEND_HEIGHT;
    /** Side of one cell of {@code detail-grid.png}, which has 4 columns and 3 rows of them. */
    public static final int GRID_CELL_SIZE = DetailGrid.CELL;

    public ReconstructionWriter() {
    }

    /**
     * @param reconstruction the fit
     * @param directory      created if missing; existing files of the same names are replaced
     * @return the written paths
     * @throws OutputWriteException when the directory or a file cannot be written (names the path)
     */
    public WrittenFiles write(Reconstruction reconstruction, Path directory) {
        Objects.requireNonNull(reconstruction, "reconstruction");
        Objects.requireNonNull(directory, "directory");
        RgbImage photo = reconstruction.photo();
        FaceModel model = reconstruction.model();
        long t0 = System.nanoTime();
        // Render first: a failure here must not leave a directory with half of the files. The pictures
        // are independent, so they are drawn side by side (the renderer itself is thread-safe).
        Renderer renderer = Renderer.create();
        CompletableFuture<RgbImage> overlayFuture = CompletableFuture.supplyAsync(() -> Overlay.of(reconstruction, renderer));
        CompletableFuture<RgbImage> landmarks = CompletableFuture.supplyAsync(
                () -> DiagnosticImages.landmarks(photo, reconstruction));
        CompletableFuture<RgbImage> front = CompletableFuture.supplyAsync(
                () -> DiagnosticImages.shadedFront(reconstruction.mesh(), FRONT_VIEW_SIZE, renderer));
        CompletableFuture<DetailOutputs> detailFuture = reconstruction.hasDetail()
                ? CompletableFuture.supplyAsync(() -> DetailOutputs.prepare(reconstruction, model, photo, renderer))
                : CompletableFuture.completedFuture(null);
        RgbImage shaded = DiagnosticImages.shaded(photo, reconstruction, renderer);
        RgbImage mask = reconstruction.skinMask();
        String json = ParametersJson.toJson(reconstruction, model);
        float[] colours = clampedAlbedo(reconstruction.albedo());
        DetailOutputs detail = Futures.join(detailFuture);
        RgbImage landmarkPicture = Futures.join(landmarks);
        RgbImage frontPicture = Futures.join(front);
        RgbImage overlay = Futures.join(overlayFuture);

        prepareDirectory(directory);
        WrittenFiles files = WrittenFiles.in(directory, detail != null);
        removeLeftovers(files);
        // The files are independent too (each written to a temporary name and renamed), and PNG encoding
        // is most of the time: write them all at once, the largest first.
        List<Runnable> writes = new ArrayList<>(List.of(
                () -> write(files.overlayPng(), () -> ImageFiles.writePng(overlay, files.overlayPng())),
                () -> write(files.shadedPng(), () -> ImageFiles.writePng(shaded, files.shadedPng())),
                () -> write(files.landmarksPng(), () -> ImageFiles.writePng(landmarkPicture, files.landmarksPng())),
                () -> write(files.maskPng(), () -> ImageFiles.writePng(mask, files.maskPng())),
                () -> write(files.shadedFrontPng(), () -> ImageFiles.writePng(frontPicture, files.shadedFrontPng())),
                () -> write(files.meshObj(), () -> ObjWriter.write(files.meshObj(), reconstruction.mesh(), colours)),
                () -> write(files.meshPly(), () -> PlyWriter.write(files.meshPly(), reconstruction.mesh(), colours)),
                () -> write(files.parametersJson(), () -> AtomicFiles.writeString(files.parametersJson(), json))));
        if (detail != null) {
            writes.addAll(detailWrites(detail, files.detail()));
        }
        runAll(writes);
        LOG.debug("wrote {} files to {} in {} ms", files.all().size(), directory,
                Math.round((System.nanoTime() - t0) * 1e-6));
        return files;
    }

    /**
     * One consistent folder per run: a coarse-only run removes an earlier run's detail files (they would
     * describe another fit), and every run removes the hidden {@code .NAME.*.tmp} files that a killed write
     * of one of its outputs left behind.
     */
    static void removeLeftovers(WrittenFiles files) {
        java.util.List<Path> ours = new java.util.ArrayList<>(files.all());
        if (!files.hasDetail()) {
            for (Path p : DetailFiles.in(files.directory()).all()) {
                ours.add(p);
                deleteQuietly(p);
            }
        }
        try (java.util.stream.Stream<Path> list = Files.list(files.directory())) {
            list.filter(p -> ours.stream().anyMatch(target -> AtomicFiles.isTemporaryOf(p, target)))
                    .forEach(ReconstructionWriter::deleteQuietly);
        } catch (IOException e) {
            LOG.warn("could not list {} for leftovers: {}", files.directory(), e.getMessage());
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", p, e.getMessage());
        }
    }

    /** The detail files (the texture's PNG bytes are already encoded, so every write is independent). */
    private static List<Runnable> detailWrites(DetailOutputs d, DetailFiles f) {
        return List.of(
                () -> write(f.albedoPng(), () -> AtomicFiles.write(f.albedoPng(), out -> out.write(d.albedoPng()))),
                () -> write(f.obj(), () -> ObjWriter.writeTextured(f.obj(), d.texturedMesh(), d.uvMesh().uvs(),
                        f.albedoPng().getFileName().toString())),
                () -> write(f.ply(), () -> PlyWriter.write(f.ply(), d.fineMesh(), d.fineColours())),
                () -> write(f.glb(), () -> GlbWriter.write(f.glb(), d.texturedMesh().positions(), d.texturedNormals(),
                        d.uvMesh().uvs(), d.texturedMesh().triangles(), d.albedoPng(), DetailOutputs.GLB_UNIT_SCALE)),
                () -> write(f.displacementPng(), () -> ImageFiles.writePng(d.displacementPicture(), f.displacementPng())),
                () -> write(f.displacementPfm(), () -> PfmWriter.write(f.displacementPfm(), TEXTURE_SIZE, TEXTURE_SIZE,
                        d.displacementTexels())),
                () -> write(f.gridPng(), () -> ImageFiles.writePng(d.grid(), f.gridPng())));
    }

    /**
     * Runs every write, this thread together with the common pool (a parallel stream, so on 2 cores both
     * work); every write finishes even when one fails, so none is still running when the caller sees the
     * error, and then the first failure is thrown.
     */
    private static void runAll(List<Runnable> writes) {
        List<Throwable> failures = writes.parallelStream().map(w -> {
            try {
                w.run();
                return null;
            } catch (RuntimeException | Error e) {
                return (Throwable) e;
            }
        }).filter(Objects::nonNull).toList();
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            if (first instanceof Error err) {
                throw err;
            }
            throw (RuntimeException) first;
        }
    }

    /**
     * Creates the output directory (and its parents) if missing. {@link #write} does this too; callers
     * call it before a long fit so that an unusable directory fails in milliseconds, not after it.
     *
     * @throws OutputWriteException when the directory cannot be created (e.g. a file is in the way)
     */
    public static void prepareDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (FileAlreadyExistsException e) {
            throw new OutputWriteException(directory, "exists and is not a directory", e);
        } catch (IOException e) {
            throw new OutputWriteException(directory, describe(e), e);
        }
        // Permissions do not tell (root, ACLs, read-only mounts): write and remove a probe file, so that a
        // directory we cannot write into fails now and not after the fit.
        try {
            Files.delete(Files.createTempFile(directory, ".write-probe-", ".tmp"));
        } catch (IOException e) {
            throw new OutputWriteException(directory, "cannot write into it (" + describe(e) + ")", e);
        }
    }

    static void write(Path target, IoAction action) {
        try {
            action.run();
            LOG.debug("wrote {}", target);
        } catch (IOException e) {
            throw new OutputWriteException(target, describe(e), e);
        }
    }

    /** OBJ viewers expect colours in [0, 1]; the albedo model can stray slightly outside. */
    static float[] clampedAlbedo(float[] albedo) {
        float[] out = albedo.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.min(1f, Math.max(0f, out[i]));
        }
        return out;
    }

    /** NIO exceptions often carry only the path as message; say what kind of failure it was. */
    private static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }
}
