/**
 * Software rendering for inverse rendering of faces: meshes ({@link io.inverseface.render.Mesh}), poses and
 * cameras with analytic Jacobians ({@link io.inverseface.render.Pose},
 * {@link io.inverseface.render.WeakPerspectiveCamera}, {@link io.inverseface.render.PinholeCamera}),
 * second-order spherical-harmonics Lambertian lighting
 * ({@link io.inverseface.render.SphericalHarmonicsLighting}), a watertight tiled z-buffer
 * {@link io.inverseface.render.Rasterizer} producing a {@link io.inverseface.render.VisibilityBuffer}, the
 * shading {@link io.inverseface.render.Renderer}, and planar float images with PNG I/O, drawing, resizing
 * and pyramids.
 *
 * <p>Conventions used throughout: world x to the subject's left (viewer's right), y up, z towards the
 * viewer; rotation {@code R = Rz(roll)·Ry(yaw)·Rx(pitch)}; pixel (0, 0) is the top-left corner of the
 * top-left pixel, image y grows downwards, pixel centres at +0.5; depth is smaller for nearer points;
 * triangles are counter-clockwise seen from their front; images are row-major.
 */
package io.inverseface.render;
