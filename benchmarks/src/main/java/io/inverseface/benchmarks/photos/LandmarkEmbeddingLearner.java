package io.inverseface.benchmarks.photos;

import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.io.ImageLoader;
import io.inverseface.core.io.Landmarks;
import io.inverseface.core.io.LandmarksReader;
import io.inverseface.core.landmarks.MirroredLandmarks;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.GenericAlbedoPrior;
import io.inverseface.core.model.IctLightModelLoader;
import io.inverseface.core.model.LandmarkEmbedding;
import io.inverseface.core.model.FaceRegion;
import io.inverseface.data.model.ModelResolver;
import io.inverseface.optim.backend.Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Learns where the model's inner landmark points (the 51 inner points, {@link #learned}) should sit for annotated photos
 * ({@link LandmarkEmbedding}): fit each photo to its own annotation, take each point's mean offset of the
 * fitted landmark vertex from the annotation in the face's frame ({@link PointScatter}), made left-right
 * symmetric, move the point's vertex against it on the mean face (frame x → model x, frame y → model −y,
 * eye distances → the mean face's outer-eye-corner distance), snap it to the nearest vertex within
 * {@value #RINGS} rings of the current one (so that a lip point never jumps to the other lip), and repeat:
 * the fit absorbs part of each offset by bending the face, so it takes a few rounds to settle.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.inverseface.benchmarks.photos.LandmarkEmbeddingLearner [--subset lfpw-test] [--rounds 2] [--out FILE]};
 * the shipped {@code core/src/main/resources/io/inverseface/core/model/ict-face-light-landmarks-300w.csv} is
 * its output with the defaults.
 */
public final class LandmarkEmbeddingLearner {
    /** How far (mesh rings) one round may move a point. */
    static final int RINGS = 5;
    private static final int FIRST_INNER = 17;

    /** Whether point k is learned: the 51 inner points (the jaw is a sliding contour). */
    static boolean learned(int k) {
        return k >= FIRST_INNER;
    }

    private LandmarkEmbeddingLearner() {
    }

    /** One round's measurement: the mean NME51 of the fits and the symmetric mean offsets per point. */
    record Round(double nme51, double[][] bias, int fits) { }

    static Round measure(FaceModel model, List<Path> photos) {
        PointScatter scatter = new PointScatter();
        double sum = 0;
        int n = 0;
        try (FaceReconstructor r = FaceReconstructor.builder().model(model).backend(Backend.CPU).withoutDetail().build()) {
            for (Path p : photos) {
                try {
                    Landmarks truth = LandmarksReader.read(PhotoSet.ptsOf(p));
                    double[] fitted = r.reconstruct(ImageLoader.load(p), truth).fittedLandmarks();
                    scatter.add(fitted, truth);
                    sum += Nme.nme51(fitted, truth);
                    n++;
                } catch (RuntimeException e) {
                    System.err.println(p.getFileName() + ": " + e.getMessage());
                }
            }
        }
        double[][] bias = new double[Landmarks.COUNT][];
        for (int i = 0; i < Landmarks.COUNT; i++) {
            double[] a = scatter.bias(i), b = scatter.bias(MirroredLandmarks.partner(i));
            // the mirror image flips frame x: b_i ← ((a_x − b_x)/2, (a_y + b_y)/2)
            bias[i] = new double[] {0.5 * (a[0] - b[0]), 0.5 * (a[1] + b[1])};
        }
        return new Round(sum / n, bias, n);
    }

    /** The landmark vertices moved against the offsets and snapped, a new array. */
    static int[] moved(FaceModel model, int[] current, double[][] bias, List<Set<Integer>> neighbours) {
        float[] mean = model.meanShape();
        int a = 3 * current[Landmarks.LEFT_EYE_OUTER], b = 3 * current[Landmarks.RIGHT_EYE_OUTER];
        double eye = Math.hypot(mean[a] - mean[b], mean[a + 1] - mean[b + 1]);
        boolean[] narrow = model.regionMask(FaceRegion.NARROW);
        int[] out = current.clone();
        for (int k = FIRST_INNER; k < Landmarks.COUNT; k++) {
            if (!learned(k)) {
                continue;
            }
            int v = current[k];
            // the fitted vertex lands at truth + bias: move it by −bias (frame y is image-down, model y up)
            double tx = mean[3 * v] - bias[k][0] * eye, ty = mean[3 * v + 1] + bias[k][1] * eye;
            int best = v;
            double bestD = Double.MAX_VALUE;
            for (int u : rings(v, RINGS, neighbours)) {
                if (!narrow[u]) {
                    continue;
                }
                double d = Math.hypot(mean[3 * u] - tx, mean[3 * u + 1] - ty);
                if (d < bestD) {
                    bestD = d;
                    best = u;
                }
            }
            out[k] = best;
        }
        return out;
    }

    static List<Set<Integer>> neighbours(FaceModel model) {
        int[] t = model.triangles();
        List<Set<Integer>> nb = new ArrayList<>();
        for (int i = 0; i < model.vertexCount(); i++) {
            nb.add(new HashSet<>());
        }
        for (int f = 0; f < t.length; f += 3) {
            for (int j = 0; j < 3; j++) {
                nb.get(t[f + j]).add(t[f + (j + 1) % 3]);
                nb.get(t[f + (j + 1) % 3]).add(t[f + j]);
            }
        }
        return nb;
    }

    static Set<Integer> rings(int v, int count, List<Set<Integer>> nb) {
        Set<Integer> seen = new HashSet<>(Set.of(v));
        Set<Integer> front = Set.of(v);
        for (int r = 0; r < count; r++) {
            Set<Integer> next = new HashSet<>();
            for (int w : front) {
                for (int u : nb.get(w)) {
                    if (seen.add(u)) {
                        next.add(u);
                    }
                }
            }
            front = next;
        }
        return seen;
    }

    public static void main(String[] args) throws IOException {
        String subset = "lfpw-test";
        int rounds = 2;
        Path out = Path.of("ict-face-light-landmarks-300w.csv");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--subset" -> subset = args[++i];
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --subset lfpw-test|afw|all, --rounds N, --out FILE)");
            }
        }
        Path root = PhotoSet.locate().orElseThrow(() -> new IllegalStateException("no " + PhotoSet.RELATIVE_DIRECTORY));
        List<Path> photos = PhotoSet.list(root, subset);
        FaceModel own = new IctLightModelLoader(true, GenericAlbedoPrior.DEFAULT_EIGENVECTORS, LandmarkEmbedding.none())
                .load(ModelResolver.defaults().resolve().directory());
        int[] original = own.landmarkVertices(), current = original.clone();
        List<Set<Integer>> nb = neighbours(own);
        List<String> log = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            Round m = measure(own.withLandmarks(current), photos);
            String line = String.format(Locale.ROOT, "round %d: %d given fits on %s, NME51 %.3f %%", round, m.fits(), subset, 100 * m.nme51());
            System.out.println(line);
            log.add(line);
            if (round < rounds) {
                current = moved(own, current, m.bias(), nb);
            }
        }
        List<Integer> points = new ArrayList<>();
        for (int k = 0; k < original.length; k++) {
            if (current[k] != original[k]) {
                points.add(k);
            }
        }
        int[] p = points.stream().mapToInt(Integer::intValue).toArray();
        int[] learned = current;
        LandmarkEmbedding table = new LandmarkEmbedding("ICT Face Model Light inner landmarks moved to the 300-W annotation convention, learned on "
                + photos.size() + " photos of " + subset, p, Arrays.stream(p).map(k -> original[k]).toArray(),
                Arrays.stream(p).map(k -> learned[k]).toArray());
        List<String> comments = new ArrayList<>(List.of("made by: java -cp benchmarks/target/benchmarks.jar "
                + "io.inverseface.benchmarks.photos.LandmarkEmbeddingLearner --subset " + subset + " --rounds " + rounds));
        comments.addAll(log);
        Files.writeString(out, table.toCsv(comments.toArray(String[]::new)));
        System.out.println(p.length + " points moved; written to " + out.toAbsolutePath());
    }
}
