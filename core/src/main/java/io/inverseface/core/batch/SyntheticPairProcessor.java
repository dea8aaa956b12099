package io.inverseface.core.batch;

import io.inverseface.render.io.ImageFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inverseface.core.FaceParameters;
import io.inverseface.core.io.LandmarksWriter;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.output.FaceParametersJson;
import io.inverseface.core.synth.SyntheticFace;
import io.inverseface.core.synth.SyntheticFaceGenerator;
import io.inverseface.render.Mesh;
import io.inverseface.render.Renderer;
import io.inverseface.render.Rendering;
import io.inverseface.render.RgbImage;
import io.inverseface.render.VisibilityBuffer;
import io.inverseface.render.WeakPerspectiveCamera;
import io.inverseface.render.io.AtomicFiles;
import io.inverseface.render.io.ObjWriter;
import io.inverseface.render.io.PfmWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes synthetic training pairs: face {@code i} of a {@link SyntheticFaceGenerator} with its exact
 * ground truth, into the item's directory:
 * <ul>
 *   <li>{@code image.png}: the rendered photo (8-bit RGB);</li>
 *   <li>{@code parameters.json}: the true identity, expression, albedo, pose and SH lighting, and both
 *       the noise-free and the noisy landmarks;</li>
 *   <li>{@code mesh.obj}: the true shape (model millimetres) with the true albedo as vertex colours;</li>
 *   <li>{@code landmarks.pts}, {@code landmarks.json}: the noise-free 68 landmarks;</li>
 *   <li>{@code depth.pfm}: float32 depth per pixel, {@code −(s·(R·p).z + tz)} of the weak-perspective
 *       camera in pixels (smaller = nearer), NaN where there is no face;</li>
 *   <li>{@code normals.png}: view-frame unit normals as {@code (n + 1)/2}, black where there is no face;</li>
 *   <li>{@code mask.png}: white where the face covers the pixel.</li>
 * </ul>
 * Face {@code i} depends only on the generator's seed and {@code i}, so the output is byte-identical
 * whatever the thread count or order. Items are named {@code face-000000}, {@code face-000001}, ...
 */
public final class SyntheticPairProcessor implements ItemProcessor {

    /** The files of one pair, in the order they are written. */
    public static final List<String> FILES = List.of("image.png", "parameters.json", "mesh.obj", "landmarks.pts",
            "landmarks.json", "depth.pfm", "normals.png", "mask.png");

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final SyntheticFaceGenerator generator;
    private final long seed;

    /** @param seed the generator's seed, recorded in each pair's parameters and manifest source */
    public SyntheticPairProcessor(SyntheticFaceGenerator generator, long seed) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.seed = seed;
    }

    /** Items {@code face-000000 .. face-(count−1)}. */
    public List<BatchItem> items(int count) {
        List<BatchItem> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = itemName(i);
            items.add(new BatchItem(name, "synthetic:seed=" + seed + ":index=" + i, name));
        }
        return items;
    }

    static String itemName(int index) {
        return String.format(Locale.ROOT, "face-%06d", index);
    }

    @Override
    public ManifestRow process(BatchItem item, Path directory) {
        long t0 = System.nanoTime();
        int index = Integer.parseInt(item.id().substring("face-".length()));
        try {
            write(index, directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory + ": " + e.getMessage(), e);
        }
        return ManifestRow.ok(item, Map.of(), Double.NaN, (System.nanoTime() - t0) * 1e-9, FILES);
    }

    /** Generates face {@code index} and writes its files into {@code directory}. */
    public void write(int index, Path directory) throws IOException {
        SyntheticFace face = generator.face(index);
        FaceModel model = generator.model();
        FaceParameters truth = face.truth();
        Mesh mesh = model.toMesh(face.vertices());
        float[] albedo = model.albedo(truth.albedo());
        // Re-render the same face for its maps: the generator keeps only the composed photo.
        WeakPerspectiveCamera camera = new WeakPerspectiveCamera(truth.pose(), face.image().width(), face.image().height());
        Rendering rendering = Renderer.create().render(mesh, albedo, truth.lighting(), camera);
        String json = parametersJson(face, model, index);
        float[] depth = depthWithNaN(rendering.visibility());
        for (int i = 0; i < albedo.length; i++) {
            albedo[i] = Math.min(1f, Math.max(0f, albedo[i]));
        }

        RgbImage photo = face.image();
        ImageFiles.writePng(photo, directory.resolve("image.png"));
        AtomicFiles.writeString(directory.resolve("parameters.json"), json);
        ObjWriter.write(directory.resolve("mesh.obj"), mesh, albedo);
        LandmarksWriter.writePts(face.trueLandmarks(), directory.resolve("landmarks.pts"));
        LandmarksWriter.writeJson(face.trueLandmarks(), directory.resolve("landmarks.json"));
        PfmWriter.write(directory.resolve("depth.pfm"), camera.width(), camera.height(), depth);
        ImageFiles.writePng(rendering.normals(), directory.resolve("normals.png"));
        ImageFiles.writePng(rendering.mask(), directory.resolve("mask.png"));
    }

    private static float[] depthWithNaN(VisibilityBuffer vis) {
        float[] d = vis.depth().clone();
        int[] ids = vis.triangleId();
        for (int i = 0; i < d.length; i++) {
            if (ids[i] == VisibilityBuffer.EMPTY) {
                d[i] = Float.NaN;
            }
        }
        return d;
    }

    private String parametersJson(SyntheticFace face, FaceModel model, int index) {
        FaceParameters p = face.truth();
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "inverseface-synthetic-truth");
        root.put("version", 1);
        root.put("seed", seed);
        root.put("index", index);
        root.putObject("model").put("name", model.name()).put("vertices", model.vertexCount());
        root.putObject("camera").put("type", "weak-perspective").put("width", face.image().width())
                .put("height", face.image().height());
        FaceParametersJson.put(root, p, model.expressionNames());
        ObjectNode lm = root.putObject("landmarks");
        lm.put("convention", FaceParametersJson.LANDMARK_CONVENTION);
        lm.set("true", FaceParametersJson.points(face.trueLandmarks().coordinates()));
        lm.set("noisy", FaceParametersJson.points(face.landmarks().coordinates()));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialise the truth: " + ex.getMessage(), ex);
        }
    }

}
