package io.inverseface.core.fit.photometric;

import io.inverseface.render.VertexFaces;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The one-ring tables of a set of sample vertices, as the photo-consistency term (CPU or device) needs
 * them to build each sample's area-weighted normal and its derivatives: the unique vertices whose
 * positions are needed (samples and their one-rings), and per sample its ring and incident faces.
 *
 * @param needed      model vertices whose positions are needed, in first-use order
 * @param sampleLocal per sample: index into {@code needed} of the sample vertex
 * @param ringStart   per sample: its ring entries are {@code ringLocal[ringStart[i] .. ringStart[i+1])}; entry 0 is the sample
 * @param ringLocal   ring entries as indices into {@code needed}
 * @param faceStart   per sample: its incident faces are {@code faceStart[i] .. faceStart[i+1]}
 * @param faceCorners three ring-entry indices (relative to {@code ringStart[i]}) per incident face, in the
 *                    triangle's own (counter-clockwise) order
 * @param maxRing     the largest ring size
 */
public record SampleRings(int[] needed, int[] sampleLocal, int[] ringStart, int[] ringLocal, int[] faceStart,
                          int[] faceCorners, int maxRing) {

    /**
     * @param triangles   the model's triangles (all of them: normals use every incident face)
     * @param samples     sample vertex indices
     * @param vertexCount the model's vertex count
     */
    public static SampleRings of(int[] triangles, int[] samples, int vertexCount) {
        int nv = vertexCount;
        // Incident faces per vertex (CSR).
        VertexFaces vertexFaces = VertexFaces.of(triangles, nv);
        int[] count = vertexFaces.start();
        int[] incident = vertexFaces.faces();
        int sampleCount = samples.length;
        Map<Integer, Integer> local = new HashMap<>();
        int[] neededTmp = new int[nv];
        int neededCount = 0, totalRing = 0, totalFaces = 0;
        for (int s : samples) {
            if (s < 0 || s >= nv) {
                throw new IllegalArgumentException("sample vertex " + s + " out of range");
            }
            totalFaces += count[s + 1] - count[s];
            totalRing += 1 + 2 * (count[s + 1] - count[s]);
        }
        int[] ringTmp = new int[totalRing];
        int[] sampleLocal = new int[sampleCount];
        int[] ringStart = new int[sampleCount + 1];
        int[] faceStart = new int[sampleCount + 1];
        int[] faceCorners = new int[3 * totalFaces];
        int ringFill = 0, faceFill = 0, widest = 0;
        for (int i = 0; i < sampleCount; i++) {
            int s = samples[i];
            ringStart[i] = ringFill;
            faceStart[i] = faceFill;
            int[] ringGlobal = new int[1 + 2 * (count[s + 1] - count[s])];
            int ringSize = 0;
            ringGlobal[ringSize++] = s;
            for (int q = count[s]; q < count[s + 1]; q++) {
                int f = incident[q];
                for (int c = 0; c < 3; c++) {
                    int v = triangles[3 * f + c];
                    int at = -1;
                    for (int e = 0; e < ringSize; e++) {
                        if (ringGlobal[e] == v) {
                            at = e;
                            break;
                        }
                    }
                    if (at < 0) {
                        at = ringSize;
                        ringGlobal[ringSize++] = v;
                    }
                    faceCorners[3 * faceFill + c] = at;
                }
                faceFill++;
            }
            for (int e = 0; e < ringSize; e++) {
                int v = ringGlobal[e];
                Integer l = local.get(v);
                if (l == null) {
                    l = neededCount;
                    neededTmp[neededCount++] = v;
                    local.put(v, l);
                }
                ringTmp[ringFill++] = l;
            }
            sampleLocal[i] = ringTmp[ringStart[i]];
            widest = Math.max(widest, ringSize);
        }
        ringStart[sampleCount] = ringFill;
        faceStart[sampleCount] = faceFill;
        return new SampleRings(Arrays.copyOf(neededTmp, neededCount), sampleLocal, ringStart,
                Arrays.copyOf(ringTmp, ringFill), faceStart, faceCorners, widest);
    }
}
