package io.inverseface.core.landmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inverseface.data.weights.FaceApiModel;
import io.inverseface.data.weights.FaceApiWeights;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The named tensors of one TF.js model, read from its {@code weights_manifest.json} and binary
 * shards.
 *
 * <p>Manifest format: an array of groups {@code {paths: [...], weights: [{name, shape, dtype,
 * quantization?}]}}; a group's shards are concatenated and its tensors follow one another in that
 * byte stream. Quantised tensors ({@code uint8}/{@code uint16}) are dequantised as
 * {@code q * scale + min}, {@code float16} ones widened from IEEE half precision; unquantised
 * {@code float32} and {@code int32} are little-endian.
 */
public final class TfjsWeights {

    private final String modelName;
    private final Map<String, WeightTensor> tensors;

    private TfjsWeights(String modelName, Map<String, WeightTensor> tensors) {
        this.modelName = modelName;
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    /**
     * @param model one of the bundled face-api models
     * @return its weights
     * @throws LandmarkModelException if the resources are missing or malformed
     */
    public static TfjsWeights load(FaceApiModel model) {
        try (InputStream manifest = FaceApiWeights.openManifest(model)) {
            return read(model.baseName(), manifest, FaceApiWeights::openShard);
        } catch (IOException | IllegalStateException e) {
            throw new LandmarkModelException("cannot load the bundled " + model.baseName() + " weights: "
                    + e.getMessage(), e);
        }
    }

    /**
     * @param modelName   name for error messages
     * @param manifest    the manifest JSON (not closed here)
     * @param shardOpener opens a shard by its manifest path; the stream is closed here
     * @return the weights
     * @throws LandmarkModelException if the manifest or a shard is malformed or too short
     */
    public static TfjsWeights read(String modelName, InputStream manifest,
                                   Function<String, InputStream> shardOpener) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(manifest);
        } catch (IOException e) {
            throw new LandmarkModelException(modelName + ": weights manifest is not valid JSON: " + e.getMessage(), e);
        }
        return read(modelName, root, shardOpener);
    }

    /**
     * @param modelName   name for error messages
     * @param root        the manifest: an array of weight groups (e.g. a graph model's {@code weightsManifest})
     * @param shardOpener opens a shard by its manifest path; the stream is closed here
     * @return the weights
     * @throws LandmarkModelException if the manifest or a shard is malformed or too short
     */
    public static TfjsWeights read(String modelName, JsonNode root, Function<String, InputStream> shardOpener) {
        if (root == null || !root.isArray()) {
            throw new LandmarkModelException(modelName + ": weights manifest must be a JSON array of groups");
        }
        Map<String, WeightTensor> tensors = new LinkedHashMap<>();
        for (JsonNode group : root) {
            ByteBuffer bytes = ByteBuffer.wrap(readShards(modelName, group.path("paths"), shardOpener))
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (JsonNode entry : group.path("weights")) {
                WeightTensor t = readTensor(modelName, entry, bytes);
                tensors.put(t.name(), t);
            }
            if (bytes.hasRemaining()) {
                throw new LandmarkModelException(modelName + ": " + bytes.remaining()
                        + " unused bytes at the end of a weight group; manifest and shards do not match");
            }
        }
        return new TfjsWeights(modelName, tensors);
    }

    private static byte[] readShards(String modelName, JsonNode paths, Function<String, InputStream> opener) {
        if (!paths.isArray() || paths.isEmpty()) {
            throw new LandmarkModelException(modelName + ": weight group without shard paths");
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (JsonNode path : paths) {
            try (InputStream in = opener.apply(path.asText())) {
                in.transferTo(all);
            } catch (IOException e) {
                throw new LandmarkModelException(modelName + ": cannot read shard " + path.asText(), e);
            }
        }
        return all.toByteArray();
    }

    private static WeightTensor readTensor(String modelName, JsonNode entry, ByteBuffer bytes) {
        String name = entry.path("name").asText();
        JsonNode shapeNode = entry.path("shape");
        int[] shape = new int[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asInt();
        }
        int n = WeightTensor.elementCount(shape);
        String dtype = entry.path("dtype").asText();
        JsonNode quant = entry.get("quantization");
        float[] values = new float[n];
        try {
            if (quant != null) {
                String qtype = quant.path("dtype").asText();
                if ("float16".equals(qtype)) {
                    for (int i = 0; i < n; i++) {
                        values[i] = halfToFloat(bytes.getShort());
                    }
                    return new WeightTensor(name, shape, values);
                }
                if (!quant.has("scale") || !quant.has("min")) {
                    throw new LandmarkModelException(modelName + ": weight " + name + " uses " + qtype
                            + " quantisation without scale/min, which is not supported");
                }
                double scale = quant.get("scale").asDouble();
                double min = quant.get("min").asDouble();
                switch (qtype) {
                    case "uint8" -> {
                        byte[] q = new byte[n];
                        bytes.get(q);
                        dequantize(q, (float) scale, (float) min, values);
                    }
                    case "uint16" -> {
                        for (int i = 0; i < n; i++) {
                            values[i] = (float) ((bytes.getShort() & 0xffff) * scale + min);
                        }
                    }
                    default -> throw new LandmarkModelException(modelName + ": weight " + name
                            + " has unsupported quantisation " + qtype);
                }
            } else if ("float32".equals(dtype)) {
                bytes.asFloatBuffer().get(values);
                bytes.position(bytes.position() + 4 * n);
            } else if ("int32".equals(dtype)) {
                for (int i = 0; i < n; i++) {
                    values[i] = bytes.getInt();
                }
            } else {
                throw new LandmarkModelException(modelName + ": weight " + name + " has unsupported dtype " + dtype);
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new LandmarkModelException(modelName + ": weight shards end before tensor " + name
                    + " " + Arrays.toString(shape), e);
        }
        return new WeightTensor(name, shape, values);
    }

    /**
     * TF.js uint8 dequantisation: {@code value = q * scale + min}, with {@code q} unsigned.
     *
     * @param quantized raw bytes (read as 0–255)
     * @param scale     step between levels
     * @param min       value of level 0
     * @param out       receives {@code quantized.length} values
     */
    public static void dequantize(byte[] quantized, float scale, float min, float[] out) {
        for (int i = 0; i < quantized.length; i++) {
            out[i] = (quantized[i] & 0xff) * scale + min;
        }
    }

    /**
     * IEEE 754 half precision to float (Java 17 has no {@code Float.float16ToFloat}).
     *
     * @param bits the 16 bits
     * @return the same value as a float (subnormals, infinities and NaN included)
     */
    public static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            // zero or subnormal: mant * 2^-24
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** @return all tensors by name, in manifest order */
    public Map<String, WeightTensor> tensors() {
        return tensors;
    }

    /**
     * @param name manifest name
     * @return that tensor
     * @throws LandmarkModelException if absent
     */
    public WeightTensor tensor(String name) {
        WeightTensor t = tensors.get(name);
        if (t == null) {
            throw new LandmarkModelException(modelName + ": weight " + name + " is missing");
        }
        return t;
    }

    /**
     * @param prefix e.g. {@code conv0}: reads {@code prefix/filters} (HWIO) and {@code prefix/bias}
     * @return the convolution
     */
    public ConvWeights conv(String prefix) {
        WeightTensor f = tensor(prefix + "/filters");
        int[] s = requireRank(f, 4);
        if (s[0] != s[1]) {
            throw new LandmarkModelException(modelName + ": " + f + " is not a square kernel");
        }
        return ConvWeights.fromHwio(s[0], s[2], s[3], f.values(), vector(prefix + "/bias", s[3]));
    }

    /**
     * @param prefix e.g. {@code conv1}: reads {@code depthwise_filter}, {@code pointwise_filter}, {@code bias}
     * @return the separable convolution
     */
    public SeparableConvWeights separable(String prefix) {
        WeightTensor dw = tensor(prefix + "/depthwise_filter");
        WeightTensor pw = tensor(prefix + "/pointwise_filter");
        int[] d = requireRank(dw, 4);
        int[] p = requireRank(pw, 4);
        if (d[0] != d[1] || d[3] != 1 || p[0] != 1 || p[1] != 1 || p[2] != d[2]) {
            throw new LandmarkModelException(modelName + ": " + dw + " and " + pw + " do not form a separable conv");
        }
        return SeparableConvWeights.fromTf(d[0], d[2], p[3], dw.values(), pw.values(), vector(prefix + "/bias", p[3]));
    }

    /**
     * @param prefix e.g. {@code fc}: reads {@code prefix/weights} ({@code [in][out]}) and {@code prefix/bias}
     * @return the fully connected layer
     */
    public DenseWeights dense(String prefix) {
        WeightTensor w = tensor(prefix + "/weights");
        int[] s = requireRank(w, 2);
        return DenseWeights.fromFlat(s[0], s[1], w.values(), vector(prefix + "/bias", s[1]));
    }

    private float[] vector(String name, int length) {
        WeightTensor t = tensor(name);
        int[] s = requireRank(t, 1);
        if (s[0] != length) {
            throw new LandmarkModelException(modelName + ": " + t + " should have " + length + " values");
        }
        return t.values();
    }

    private int[] requireRank(WeightTensor t, int rank) {
        int[] s = t.shape();
        if (s.length != rank) {
            throw new LandmarkModelException(modelName + ": " + t + " should have rank " + rank);
        }
        return s;
    }
}
