package io.inverseface.core.landmarks.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inverseface.core.landmarks.TfjsWeights;
import io.inverseface.core.landmarks.WeightTensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A TF.js graph model ({@code model.json} with {@code format: graph-model}) executed in pure Java.
 *
 * <p>The topology's {@code Const} nodes take their values from the weights manifest (dtype and
 * quantisation respected by {@link TfjsWeights}); {@code Placeholder} nodes are the inputs. A run
 * evaluates exactly the nodes the requested outputs depend on, in a topological order fixed per
 * output set, and drops each intermediate tensor after its last use.
 *
 * <p>Immutable and thread-safe: runs share only the constant tensors, which no kernel modifies.
 */
public final class GraphModel {

    private final String name;
    private final Map<String, GraphNode> nodes;
    private final Map<String, Tensor> constants;
    private final Map<List<String>, Plan> plans = new java.util.concurrent.ConcurrentHashMap<>();

    private GraphModel(String name, Map<String, GraphNode> nodes, Map<String, Tensor> constants) {
        this.name = name;
        this.nodes = nodes;
        this.constants = constants;
    }

    /**
     * @param name        model name for error messages
     * @param modelJson   the {@code model.json} stream (not closed here)
     * @param shardOpener opens a weight shard by its manifest path
     * @return the model, every op checked to be supported
     * @throws GraphModelException if the JSON, the weights or an op is unusable
     */
    public static GraphModel read(String name, InputStream modelJson, Function<String, InputStream> shardOpener) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(modelJson);
        } catch (IOException e) {
            throw new GraphModelException(name + ": model.json is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.path("modelTopology").path("node").isArray()) {
            throw new GraphModelException(name + ": model.json has no modelTopology.node array (not a graph model?)");
        }
        TfjsWeights weights = TfjsWeights.read(name, root.path("weightsManifest"), shardOpener);
        Map<String, GraphNode> nodes = new LinkedHashMap<>();
        Map<String, Tensor> constants = new HashMap<>();
        for (JsonNode json : root.path("modelTopology").path("node")) {
            GraphNode node = GraphNode.parse(json);
            nodes.put(node.name(), node);
            switch (node.op()) {
                case "Const" -> {
                    WeightTensor w = weights.tensors().get(node.name());
                    if (w == null) {
                        throw new GraphModelException(name + ": constant " + node.name() + " has no weights");
                    }
                    constants.put(node.name(), new Tensor(w.shape(), w.values()));
                }
                case "Placeholder" -> { }
                default -> {
                    if (!Kernels.SUPPORTED.contains(node.op())) {
                        throw new GraphModelException(name + ": node " + node.name() + " uses op " + node.op()
                                + ", which is not supported");
                    }
                }
            }
        }
        return new GraphModel(name, nodes, constants);
    }

    /** @return model name */
    public String name() {
        return name;
    }

    /** @return the names of the input ({@code Placeholder}) nodes */
    public List<String> inputNames() {
        return nodes.values().stream().filter(n -> n.op().equals("Placeholder")).map(GraphNode::name).toList();
    }

    /**
     * @param inputs  placeholder name → value
     * @param outputs node names to compute (a {@code :0} suffix is accepted)
     * @return output name (as requested) → value, in request order
     * @throws GraphModelException for an unknown node, a missing input or a failing kernel
     */
    public Map<String, Tensor> run(Map<String, Tensor> inputs, List<String> outputs) {
        Plan plan = plans.computeIfAbsent(List.copyOf(outputs), this::plan);
        Map<String, Tensor> values = new HashMap<>();
        for (int step = 0; step < plan.order.size(); step++) {
            GraphNode node = plan.order.get(step);
            Tensor value;
            switch (node.op()) {
                case "Const" -> value = constants.get(node.name());
                case "Placeholder" -> {
                    value = inputs.get(node.name());
                    if (value == null) {
                        throw new GraphModelException(name + ": input " + node.name() + " not given");
                    }
                }
                default -> {
                    List<Tensor> args = new ArrayList<>(node.inputs().size());
                    for (String in : node.inputs()) {
                        args.add(values.get(in));
                    }
                    try {
                        value = Kernels.run(node, args);
                    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
                        throw new GraphModelException(name + ": node " + node.name() + " (" + node.op() + ") failed on "
                                + args + ": " + e.getMessage(), e);
                    }
                }
            }
            values.put(node.name(), value);
            for (String dead : plan.freeAfter.get(step)) {
                values.remove(dead);
            }
        }
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (String out : outputs) {
            result.put(out, values.get(strip(out)));
        }
        return result;
    }

    /** Topological order of what the outputs need, and after which step each value is dead. */
    private Plan plan(List<String> outputs) {
        List<GraphNode> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> onPath = new HashSet<>();
        for (String out : outputs) {
            visit(strip(out), done, onPath, order);
        }
        Map<String, Integer> lastUse = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            for (String in : order.get(i).inputs()) {
                lastUse.put(in, i);
            }
        }
        Set<String> keep = new HashSet<>();
        outputs.forEach(o -> keep.add(strip(o)));
        List<List<String>> freeAfter = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            freeAfter.add(new ArrayList<>());
        }
        lastUse.forEach((n, i) -> {
            if (!keep.contains(n)) {
                freeAfter.get(i).add(n);
            }
        });
        return new Plan(List.copyOf(order), freeAfter);
    }

    // iterative would avoid deep recursion, but these graphs are a few hundred nodes deep at most
    private void visit(String nodeName, Set<String> done, Set<String> onPath, List<GraphNode> order) {
        if (done.contains(nodeName)) {
            return;
        }
        GraphNode node = nodes.get(nodeName);
        if (node == null) {
            throw new GraphModelException(name + ": no node named " + nodeName);
        }
        if (!onPath.add(nodeName)) {
            throw new GraphModelException(name + ": cycle through node " + nodeName);
        }
        for (String in : node.inputs()) {
            visit(in, done, onPath, order);
        }
        onPath.remove(nodeName);
        done.add(nodeName);
        order.add(node);
    }

    private static String strip(String output) {
        return output.endsWith(":0") ? output.substring(0, output.length() - 2) : output;
    }

    private record Plan(List<GraphNode> order, List<List<String>> freeAfter) {
    }
}
