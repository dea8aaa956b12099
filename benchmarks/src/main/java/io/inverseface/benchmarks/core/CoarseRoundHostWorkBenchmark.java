package io.inverseface.benchmarks.core;

import io.inverseface.core.coarse.JawlineContour;
import io.inverseface.core.coarse.VisibleSamples;
import io.inverseface.core.fit.PoseBlock;
import io.inverseface.core.fit.VertexMajorBases;
import io.inverseface.core.fit.photometric.PhotoConsistencyTerm;
import io.inverseface.core.FaceParameters;
import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.io.ImageLoader;
import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.model.FaceRegion;
import io.inverseface.data.samples.Samples;
import io.inverseface.optim.backend.Backend;
import io.inverseface.render.ImagePyramid;
import io.inverseface.render.Rasterizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * The host work of one photometric round of the coarse stage, around the solver, at the sample photo's
 * fitted parameters: the model instance, vertex normals, visibility (rasterisation) and sample
 * selection, the jaw contour, building the photo-consistency term and one residual pass of it on the
 * CPU (what the robust weights cost when no device computes them), and the image pyramid (once per fit).
 * On a device backend the normals, the visibility and the residual pass run as kernels; the rest stays here.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.inverseface.benchmarks.core.CoarseRoundHostWorkBenchmark [reps]}
 */
public final class CoarseRoundHostWorkBenchmark {

    private CoarseRoundHostWorkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        RgbImage li = ImageLoader.load(Samples.astronautImage());
        Landmarks lm = Landmarks.of(Samples.astronautLandmarks());
        FaceModel model = FaceModels.ictLight();
        FaceParameters p;
        try (FaceReconstructor r = FaceReconstructor.builder().model(model).backend(Backend.CPU).build()) {
            p = r.reconstruct(li, lm).parameters();
        }
        VertexMajorBases bases = VertexMajorBases.of(model, 80, 60);
        RgbImage img = li;
        double[] pose = PoseBlock.of(p.pose());
        double[] identity = Arrays.copyOf(p.identity(), bases.identityCount());
        double[][] blocks = {pose, identity, p.expression(), p.albedo(), p.lighting().coefficients()};
        float[] pos = new float[3 * model.vertexCount()];
        Rasterizer rasterizer = Rasterizer.builder().parallel(false).build();
        int[] region = model.regionVertices(FaceRegion.NARROW);
        String[] names = {"model instance", "vertex normals", "visibility + sample selection", "jaw contour",
                "photo-consistency term build", "residual pass on the CPU (robust weights)", "image pyramid (per fit)"};
        long[] nanos = new long[names.length];
        int samples = 0;
        for (int k = 0; k < reps + 5; k++) {
            long[] t = new long[names.length + 1];
            t[0] = System.nanoTime();
            model.instance(p.identity(), p.expression(), pos);
            t[1] = System.nanoTime();
            float[] normals = model.vertexNormals(pos);
            t[2] = System.nanoTime();
            int[] s = VisibleSamples.select(pos, normals, model.triangles(), region, pose, img.width(), img.height(), 1.0,
                    1000, rasterizer);
            t[3] = System.nanoTime();
            JawlineContour.assign(model, pos, pose, lm);
            t[4] = System.nanoTime();
            PhotoConsistencyTerm term = new PhotoConsistencyTerm(bases, model.triangles(), s, img, 1.0);
            t[5] = System.nanoTime();
            term.evaluate(blocks, new double[term.residualCount()], null);
            t[6] = System.nanoTime();
            ImagePyramid.build(img, 8, 16);
            t[7] = System.nanoTime();
            if (k >= 5) {
                for (int i = 0; i < names.length; i++) {
                    nanos[i] += t[i + 1] - t[i];
                }
            }
            samples = s.length;
        }
        System.out.printf(Locale.ROOT, "host work of one photometric round, sample photo, %d samples, %d vertices, %d cores, mean of %d%n",
                samples, model.vertexCount(), Runtime.getRuntime().availableProcessors(), reps);
        double round = 0;
        for (int i = 0; i < names.length; i++) {
            double ms = nanos[i] * 1e-6 / reps;
            System.out.printf(Locale.ROOT, "  %-45s %7.2f ms%n", names[i], ms);
            if (i < 5) {
                round += ms;
            }
        }
        System.out.printf(Locale.ROOT, "  %-45s %7.2f ms (without the residual pass, which a device does)%n",
                "per round on the CPU", round);
    }
}
