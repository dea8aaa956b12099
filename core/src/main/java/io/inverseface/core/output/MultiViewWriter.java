package io.inverseface.core.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inverseface.core.MultiViewReconstruction;
import io.inverseface.core.Reconstruction;
import io.inverseface.core.model.FaceModel;
import io.inverseface.render.Mesh;
import io.inverseface.render.io.AtomicFiles;
import io.inverseface.render.io.ObjWriter;
import io.inverseface.render.io.PlyWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The outputs of a joint fit of several photos: the shared face (neutral expression) as
 * {@code mesh.obj} / {@code mesh.ply} with its albedo, {@code parameters.json} with the shared coefficients
 * and every view's parameters, and one folder per photo with everything {@link ReconstructionWriter}
 * writes for a single fit (overlay, landmarks, mask, that view's mesh, detail).
 */
public final class MultiViewWriter {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public MultiViewWriter() {
    }

    /**
     * @param result  the joint fit
     * @param names   a folder name per photo (unique), e.g. from its file name
     * @param directory created if missing
     * @return the top-level files written, then each view's folder
     */
    public List<Path> write(MultiViewReconstruction result, List<String> names, Path directory) {
        int n = result.views().size();
        if (names.size() != n || names.stream().distinct().count() != n) {
            throw new IllegalArgumentException("need one distinct folder name per view: " + n + " views, names " + names);
        }
        FaceModel model = result.views().get(0).model();
        ReconstructionWriter.prepareDirectory(directory);
        List<Path> written = new ArrayList<>();
        ReconstructionWriter single = new ReconstructionWriter();
        for (int i = 0; i < n; i++) {
            Path folder = directory.resolve(names.get(i));
            single.write(result.views().get(i), folder);
        }
        Reconstruction first = result.views().get(0);
        Mesh neutral = model.toMesh(model.instance(first.parameters().identity(), new double[0]));
        float[] colours = ReconstructionWriter.clampedAlbedo(first.albedo());
        Path obj = directory.resolve("mesh.obj"), ply = directory.resolve("mesh.ply");
        Path json = directory.resolve("parameters.json");
        String text = toJson(result, model, names);
        ReconstructionWriter.write(obj, () -> ObjWriter.write(obj, neutral, colours));
        ReconstructionWriter.write(ply, () -> PlyWriter.write(ply, neutral, colours));
        ReconstructionWriter.write(json, () -> AtomicFiles.writeString(json, text));
        written.add(obj);
        written.add(ply);
        written.add(json);
        for (String name : names) {
            written.add(directory.resolve(name));
        }
        return written;
    }

    /** {@code view-1-NAME, view-2-NAME, ...} for photos {@code NAME.jpg, ...}: distinct, in order, and still saying which photo each folder is. */
    public static List<String> folderNames(List<Path> photos) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            names.add("view-" + (i + 1) + "-" + stem(photos.get(i)));
        }
        return names;
    }

    /** The file name without its extension, safe as a file name: {@code my photo.jpg} → {@code my_photo}. */
    public static String stem(Path photo) {
        String file = photo.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return (dot > 0 ? file.substring(0, dot) : file).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String toJson(MultiViewReconstruction result, FaceModel model, List<String> names) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "inverseface-multiview-parameters");
        root.put("version", ParametersJson.FORMAT_VERSION);
        root.put("model", model.name());
        ArrayNode id = root.putArray("identity");
        for (double v : result.identity()) {
            id.add(v);
        }
        ArrayNode albedo = root.putArray("albedo");
        for (double v : result.albedoCoefficients()) {
            albedo.add(v);
        }
        ArrayNode views = root.putArray("views");
        for (int i = 0; i < result.views().size(); i++) {
            ObjectNode view = views.addObject();
            view.put("folder", names.get(i));
            view.set("parameters", ParametersJson.toTree(result.views().get(i), model));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise parameters: " + e.getMessage(), e);
        }
    }
}
