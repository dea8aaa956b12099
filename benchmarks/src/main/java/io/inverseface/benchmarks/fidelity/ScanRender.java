package io.inverseface.benchmarks.fidelity;

import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import io.inverseface.render.PinholeCamera;

/**
 * A rendered photo of the scan with its ground truth.
 *
 * @param view      what was rendered
 * @param image     the photo (sRGB values in [0, 1])
 * @param landmarks the scan's 68 landmark points projected into the photo (pixel corner convention)
 * @param camera    the camera that took it (its pose maps scan mm to the view frame)
 */
public record ScanRender(ScanView view, RgbImage image, Landmarks landmarks, PinholeCamera camera) { }
