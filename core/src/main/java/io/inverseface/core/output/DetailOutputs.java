package io.inverseface.core.output;

import io.inverseface.core.Reconstruction;
import io.inverseface.core.detail.DetailResult;
import io.inverseface.core.model.FaceModel;
import io.inverseface.render.Mesh;
import io.inverseface.render.Renderer;
import io.inverseface.render.RgbImage;
import io.inverseface.render.io.ImageFiles;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Everything the detail files hold, computed in memory before the first file is written (so that a
 * failure leaves no half-written set): the seam-split textured mesh, the albedo texture as PNG bytes
 * (the same bytes go to {@code albedo.png} and into the GLB), the displacement map and the picture grid.
 *
 * @param uvMesh            the fine mesh split at UV seams, with its UVs
 * @param texturedMesh      positions of the split mesh (the OBJ and the GLB)
 * @param texturedNormals   unit normals of the displaced surface, per split vertex
 * @param fineMesh          the displaced fine mesh, unsplit (the PLY)
 * @param fineColours       refined albedo per fine vertex, clamped to [0, 1]
 * @param albedoPng         the albedo texture, PNG-encoded
 * @param displacementTexels displacement per texel (mm, 0 where nothing maps), top row first
 * @param displacementPicture the colour-mapped displacement with its legend
 * @param displacementRange the legend's symmetric range, mm
 * @param grid              the picture grid
 */
record DetailOutputs(DetailUvMesh uvMesh, Mesh texturedMesh, float[] texturedNormals, Mesh fineMesh,
                     float[] fineColours, byte[] albedoPng, float[] displacementTexels, RgbImage displacementPicture,
                     double displacementRange, RgbImage grid) {

    /** Width and height of {@code albedo.png}, {@code displacement.pfm} and the map part of {@code displacement.png}. */
    static final int TEXTURE_SIZE = 1024;
    /** Texels the painted area grows by, so that filtered lookups at UV borders stay on face colour. */
    static final int DILATION = 4;
    /** Millimetres to metres, glTF's unit. */
    static final double GLB_UNIT_SCALE = 1e-3;

    static DetailOutputs prepare(Reconstruction r, FaceModel model, RgbImage photo, Renderer renderer) {
        DetailResult d = r.detail();
        DetailUvMesh uv = DetailUvMesh.of(d, model);
        Mesh fine = d.mesh();
        float[] colours = seenAlbedo(d);
        float[] normals = fine.vertexNormals();
        for (int i = 0; i < normals.length; i += 3) {
            if (normals[i] == 0 && normals[i + 1] == 0 && normals[i + 2] == 0) {
                normals[i + 2] = 1; // an isolated vertex: glTF wants unit normals everywhere
            }
        }
        Mesh textured = new Mesh(uv.gather(fine.positions(), 3), uv.triangles());
        byte[] png = png(albedoTexture(r, model, uv, colours));

        int size = TEXTURE_SIZE;
        float[] disp = new float[size * size];
        boolean[] covered = new boolean[size * size];
        UvRaster.paint(uv.uvs(), uv.triangles(), uv.gather(d.displacement(), 1), uv.triangles(), 1, size, disp, covered);
        UvRaster.dilate(disp, 1, covered, size, DILATION);
        double range = DisplacementMap.range(d.displacement());
        RgbImage picture = DisplacementMap.picture(disp, covered, size, range);
        RgbImage grid = DetailGrid.render(photo, r, colours, renderer);
        return new DetailOutputs(uv, textured, uv.gather(normals, 3), fine, colours, png, disp, picture, range, grid);
    }

    /**
     * Refined albedo where the photo saw the vertex, the coarse albedo elsewhere (the refinement has no
     * evidence there), clamped to [0, 1] as colour files expect.
     */
    static float[] seenAlbedo(DetailResult d) {
        float[] refined = d.albedo(), coarse = d.coarseAlbedo();
        boolean[] visible = d.visible();
        float[] out = new float[refined.length];
        for (int v = 0; v < visible.length; v++) {
            float[] src = visible[v] ? refined : coarse;
            for (int c = 0; c < 3; c++) {
                out[3 * v + c] = Math.min(1f, Math.max(0f, src[3 * v + c]));
            }
        }
        return out;
    }

    /**
     * The texture: the whole model painted with its coarse albedo first (so the atlas outside the face
     * region, and anything the fine mesh misses, has the fitted colour), the fine mesh on top, then a few
     * texels of dilation and the mean colour in what is still empty.
     */
    static RgbImage albedoTexture(Reconstruction r, FaceModel model, DetailUvMesh uv, float[] fineColours) {
        int size = TEXTURE_SIZE, plane = size * size;
        float[] data = new float[3 * plane];
        boolean[] covered = new boolean[plane];
        UvRaster.paint(model.uvs(), model.uvTriangles(), r.albedo(), model.triangles(), 3, size, data, covered);
        UvRaster.paint(uv.uvs(), uv.triangles(), uv.gather(fineColours, 3), uv.triangles(), 3, size, data, covered);
        UvRaster.dilate(data, 3, covered, size, DILATION);
        double[] mean = new double[3];
        int n = 0;
        for (int t = 0; t < plane; t++) {
            if (covered[t]) {
                n++;
                for (int c = 0; c < 3; c++) {
                    mean[c] += data[c * plane + t];
                }
            }
        }
        RgbImage img = new RgbImage(size, size);
        for (int c = 0; c < 3; c++) {
            float fill = n > 0 ? (float) (mean[c] / n) : 0.5f;
            float[] ch = img.channel(c);
            for (int t = 0; t < plane; t++) {
                ch[t] = Math.min(1f, Math.max(0f, covered[t] ? data[c * plane + t] : fill));
            }
        }
        return img;
    }

    static byte[] png(RgbImage image) {
        try {
            return ImageFiles.pngBytes(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not fail
        }
    }
}
