package io.inverseface.core.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inverseface.core.FaceParameters;
import io.inverseface.render.Pose;
import java.util.List;

/**
 * The JSON form of {@link FaceParameters}, shared by every document that carries them
 * ({@code parameters.json} of a fit, the ground truth of a synthetic pair), so that one reader serves both.
 * Doubles keep full precision.
 */
public final class FaceParametersJson {

    /** How landmark coordinates are to be read. */
    public static final String LANDMARK_CONVENTION =
            "pixels; (0, 0) is the top-left corner of the top-left pixel, x right, y down";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FaceParametersJson() {
    }

    /**
     * Adds {@code identity}, {@code expression} (weights, with names when the model names every mode),
     * {@code albedo}, {@code pose} and {@code lighting} to {@code root}, in that order.
     */
    public static void put(ObjectNode root, FaceParameters p, List<String> expressionNames) {
        root.set("identity", doubles(p.identity()));
        ObjectNode e = root.putObject("expression");
        double[] weights = p.expression();
        if (expressionNames != null && expressionNames.size() == weights.length) {
            ArrayNode n = e.putArray("names");
            expressionNames.forEach(n::add);
        }
        e.set("weights", doubles(weights));
        root.set("albedo", doubles(p.albedo()));
        Pose pose = p.pose();
        root.putObject("pose")
                .put("convention", "R = Rz(roll)·Ry(yaw)·Rx(pitch), radians; pixel = (tx, ty) + scale·(R·p).xy with y flipped")
                .put("pitch", pose.pitch()).put("yaw", pose.yaw()).put("roll", pose.roll())
                .put("tx", pose.tx()).put("ty", pose.ty()).put("tz", pose.tz()).put("scale", pose.scale());
        ObjectNode lighting = root.putObject("lighting");
        lighting.put("layout", "spherical harmonics order 2, channel-major [r0..r8, g0..g8, b0..b8]");
        lighting.set("coefficients", doubles(p.lighting().coefficients()));
    }

    /** An array of the values. */
    public static ArrayNode doubles(double[] values) {
        ArrayNode a = NODES.arrayNode();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    /** Interleaved x, y as a list of [x, y] pairs. */
    public static ArrayNode points(double[] xy) {
        ArrayNode a = NODES.arrayNode();
        for (int i = 0; i + 1 < xy.length; i += 2) {
            a.addArray().add(xy[i]).add(xy[i + 1]);
        }
        return a;
    }
}
