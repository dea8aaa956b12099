/**
 * Face detection and 68-point landmarks from a photograph, in pure Java, offline.
 *
 * <p>The networks are the face-api TF.js models (tiny face detector, 68-point landmark net) whose
 * weights ship in {@code inverseface-data}; the forward passes are implemented here on {@code float} feature maps
 * in <b>NHWC</b> order ({@link io.inverseface.core.landmarks.FeatureMap}: one channel vector per
 * pixel, {@code pixels[y * width + x][c]}), so every inner loop runs over contiguous, zero-based
 * channels and vectorises. The detector's first layer runs along image rows on planar (CHW) input
 * instead ({@code ConvMaxPoolRows}), where rows are the long axis.
 *
 * <p>Memory: each thread that calls a detector keeps its activation buffers (about 25 MB for the
 * face detector at 416, about 5 MB for the landmark net) for reuse.
 *
 * <p>Entry point: {@link io.inverseface.core.landmarks.FaceApiLandmarkDetector}, behind the
 * {@link io.inverseface.core.landmarks.LandmarkDetector} interface.
 */
package io.inverseface.core.landmarks;
