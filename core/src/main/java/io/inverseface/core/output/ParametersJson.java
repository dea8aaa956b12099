package io.inverseface.core.output;

import io.inverseface.core.coarse.StageSummary;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inverseface.core.FaceParameters;
import io.inverseface.core.FitQuality;
import io.inverseface.core.Reconstruction;
import io.inverseface.core.ReconstructionSummary;
import io.inverseface.core.detail.DetailResult;
import io.inverseface.core.model.FaceModel;
import io.inverseface.render.Camera;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code parameters.json} document: everything needed to rebuild the fit from the model
 * (coefficients, pose, lighting) plus what to judge it by (landmarks, RMS, per-stage summary).
 * Doubles are written with full precision, so reading the file back gives the exact values.
 */
final class ParametersJson {

    /** Bumped when a field changes meaning; readers can check it. */
    static final int FORMAT_VERSION = 1;

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ParametersJson() {
    }

    static String toJson(Reconstruction r, FaceModel model) {
        try {
            return JSON.writeValueAsString(toTree(r, model)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise parameters: " + e.getMessage(), e); // tree nodes always serialise
        }
    }

    static ObjectNode toTree(Reconstruction r, FaceModel model) {
        FaceParameters p = r.parameters();
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "inverseface-parameters");
        root.put("version", FORMAT_VERSION);

        ObjectNode m = root.putObject("model");
        m.put("name", model.name());
        m.put("vertices", model.vertexCount());
        m.put("triangles", model.triangleCount());

        Camera camera = r.camera();
        ObjectNode cam = root.putObject("camera");
        cam.put("type", camera.perspective() ? "perspective" : "weak-perspective");
        cam.put("width", camera.width());
        cam.put("height", camera.height());

        FaceParametersJson.put(root, p, model.expressionNames());

        ObjectNode lm = root.putObject("landmarks");
        lm.put("convention", FaceParametersJson.LANDMARK_CONVENTION);
        lm.set("input", FaceParametersJson.points(r.landmarks().coordinates()));
        lm.set("fitted", FaceParametersJson.points(r.fittedLandmarks()));
        lm.put("rmsPixels", r.landmarkRmsPixels());

        FitQuality q = r.quality();
        ObjectNode quality = root.putObject("quality");
        quality.put("suspect", q.suspect());
        ArrayNode reasons = quality.putArray("reasons");
        q.reasons().forEach(reasons::add);
        putFinite(quality, "explained", q.explained());
        putFinite(quality, "detailCorrelation", q.structure());
        putFinite(quality, "skin", q.skin());
        putFinite(quality, "landmarkError", q.landmarkError());
        quality.put("coveredPixels", q.coveredPixels());

        root.set("summary", summary(r.summary()));
        if (r.hasDetail()) {
            root.set("detail", detail(r.detail()));
        }
        return root;
    }

    /** A figure, or null where it is undefined (JSON has no NaN). */
    private static void putFinite(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.putNull(name);
        }
    }

    /** Present only when the detail stage ran: what the detail files hold and the displacement's figures. */
    private static ObjectNode detail(DetailResult d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("vertices", d.subdivided().vertexCount());
        o.put("triangles", d.subdivided().triangles().length / 3);
        o.put("subdivisions", d.subdivided().levels());
        int seen = 0;
        for (boolean v : d.visible()) {
            seen += v ? 1 : 0;
        }
        o.put("visibleVertices", seen);
        float[] disp = d.displacement();
        double min = 0, max = 0, sq = 0;
        for (float v : disp) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sq += (double) v * v;
        }
        ObjectNode dn = o.putObject("displacementMm");
        dn.put("min", min);
        dn.put("max", max);
        dn.put("rms", disp.length > 0 ? Math.sqrt(sq / disp.length) : 0);
        dn.put("legendRange", DisplacementMap.range(disp));
        o.put("seconds", d.seconds());
        return o;
    }

    private static ObjectNode summary(ReconstructionSummary s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("backend", s.backend());
        o.put("totalSeconds", s.totalSeconds());
        o.put("iterations", s.iterations());
        ArrayNode stages = o.putArray("stages");
        for (StageSummary stage : s.stages()) {
            ObjectNode st = stages.addObject();
            st.put("name", stage.name());
            st.put("seconds", stage.seconds());
            st.put("iterations", stage.iterations());
            st.put("solves", stage.solves().size());
            ObjectNode costs = st.putObject("costPerTerm");
            // Sorted: the summary's map has no stable order, and diffs between runs should be readable.
            for (Map.Entry<String, Double> c : new TreeMap<>(stage.costPerTerm()).entrySet()) {
                costs.put(c.getKey(), c.getValue());
            }
        }
        return o;
    }

}
