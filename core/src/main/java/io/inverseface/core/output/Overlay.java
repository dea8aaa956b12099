package io.inverseface.core.output;

import io.inverseface.core.FaceParameters;
import io.inverseface.core.Reconstruction;
import io.inverseface.core.model.FaceRegion;
import io.inverseface.render.Mesh;
import io.inverseface.render.Renderer;
import io.inverseface.render.Rendering;
import io.inverseface.render.RgbImage;
import io.inverseface.render.VisibilityBuffer;

/** {@code overlay.png}: the fitted face (albedo × SH shading) composited over the photo it was fitted to. */
public final class Overlay {

    private Overlay() {
    }

    /** The overlay of {@code r}, drawn with a default renderer. */
    public static RgbImage of(Reconstruction r) {
        return of(r, Renderer.create());
    }

    /**
     * Only the face region goes over the photo: the model's neck, ears and skull are not fitted to it and
     * would cover hair, hands or background in front of them. Blended by the skin mask, so that glasses,
     * hair or a hand in front of the face stay visible.
     */
    static RgbImage of(Reconstruction r, Renderer renderer) {
        FaceParameters p = r.parameters();
        Mesh face = new Mesh(r.mesh().positions(), r.model().regionTriangles(FaceRegion.NARROW));
        Rendering rendering = renderer.render(face, r.albedo(), p.lighting(), r.camera());
        RgbImage out = r.photo().copy();
        int[] ids = rendering.visibility().triangleId();
        RgbImage c = rendering.color();
        float[] m = r.skinMask().channel(0);
        for (int ch = 0; ch < 3; ch++) {
            float[] dst = out.channel(ch), src = c.channel(ch);
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] != VisibilityBuffer.EMPTY) {
                    float v = Math.min(1f, Math.max(0f, src[i]));
                    dst[i] = m[i] * v + (1 - m[i]) * dst[i];
                }
            }
        }
        return out;
    }
}
