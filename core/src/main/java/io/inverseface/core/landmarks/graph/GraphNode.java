package io.inverseface.core.landmarks.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One node of a TF.js graph model: its op, the names of its data inputs (control inputs and
 * {@code :0} output suffixes dropped) and its attributes as they appear in {@code model.json}.
 *
 * @param name   unique node name
 * @param op     TensorFlow op name, e.g. {@code _FusedConv2D}
 * @param inputs names of the nodes whose (first) output feeds this node, in order
 * @param attrs  the raw {@code attr} object (empty object when absent)
 */
public record GraphNode(String name, String op, List<String> inputs, JsonNode attrs) {

    /** Copies the input list. */
    public GraphNode {
        inputs = List.copyOf(inputs);
    }

    /**
     * @param json one element of {@code modelTopology.node}
     * @return the node
     * @throws GraphModelException for an input on another than the first output (no op here has two)
     */
    public static GraphNode parse(JsonNode json) {
        String name = json.path("name").asText();
        List<String> inputs = new ArrayList<>();
        for (JsonNode in : json.path("input")) {
            String s = in.asText();
            if (s.startsWith("^")) {
                continue;
            }
            int colon = s.lastIndexOf(':');
            if (colon > 0) {
                String port = s.substring(colon + 1);
                if (!port.equals("0")) {
                    throw new GraphModelException("node " + name + " reads output " + port + " of " + s.substring(0, colon)
                            + "; only single-output ops are supported");
                }
                s = s.substring(0, colon);
            }
            inputs.add(s);
        }
        return new GraphNode(name, json.path("op").asText(), inputs, json.path("attr"));
    }

    /** @return string attribute (base64-decoded), or {@code fallback} when absent */
    public String stringAttr(String key, String fallback) {
        JsonNode s = attrs.path(key).get("s");
        return s == null ? fallback : new String(Base64.getDecoder().decode(s.asText()), StandardCharsets.UTF_8);
    }

    /** @return integer-list attribute, or {@code fallback} when absent */
    public int[] intsAttr(String key, int[] fallback) {
        JsonNode list = attrs.path(key).path("list").get("i");
        if (list == null) {
            return fallback;
        }
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Integer.parseInt(list.get(i).asText());
        }
        return out;
    }

    /** @return string-list attribute (base64-decoded), empty when absent */
    public List<String> stringsAttr(String key) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : attrs.path(key).path("list").path("s")) {
            out.add(new String(Base64.getDecoder().decode(s.asText()), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** @return float attribute, or {@code fallback} when absent */
    public float floatAttr(String key, float fallback) {
        JsonNode f = attrs.path(key).get("f");
        return f == null ? fallback : (float) f.asDouble();
    }

    /** @return integer attribute, or {@code fallback} when absent */
    public int intAttr(String key, int fallback) {
        JsonNode i = attrs.path(key).get("i");
        return i == null ? fallback : Integer.parseInt(i.asText());
    }

    /** @return boolean attribute, or {@code fallback} when absent */
    public boolean boolAttr(String key, boolean fallback) {
        JsonNode b = attrs.path(key).get("b");
        return b == null ? fallback : b.asBoolean();
    }
}
