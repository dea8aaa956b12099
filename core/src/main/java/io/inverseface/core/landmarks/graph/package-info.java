/**
 * A small pure-Java executor for TF.js graph models ({@code model.json} + weight shards): the ops the
 * bundled MediaPipe graphs use (convolutions with fused bias/activation, depthwise convolutions,
 * pooling, padding, reshapes, concatenation, element-wise ops), NHWC, float. Entry point:
 * {@link io.inverseface.core.landmarks.graph.GraphModel}.
 */
package io.inverseface.core.landmarks.graph;
