package io.inverseface.benchmarks.photos;

import io.inverseface.benchmarks.options.CoarseOptionOverrides;
import io.inverseface.benchmarks.photos.PhotoRow.Status;
import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.landmarks.LandmarkDetectors;
import io.inverseface.core.Reconstruction;
import io.inverseface.core.io.ImageLoader;
import io.inverseface.core.io.Landmarks;
import io.inverseface.core.io.LandmarksReader;
import io.inverseface.render.RgbImage;
import io.inverseface.core.landmarks.DetectedFace;
import io.inverseface.core.landmarks.LandmarkDetector;
import io.inverseface.core.model.FaceModels;
import io.inverseface.optim.backend.Backend;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Landmarks on real photos: the coarse fit's 68 projected landmark vertices against the 300-W hand
 * annotations of {@code shared/eval/photos}, beside the detector's own 68 points (the fit's input).
 *
 * <p>Per photo: detect every face, take the detection whose box contains the centroid of the ground-truth
 * points (README rule; among several, the one whose box centre is nearest; none is a miss), reconstruct
 * from its detected points, and score both point sets by NME over 68 and over the inner 51 points.
 * With {@code --given} the photo is also reconstructed from the ground truth itself, which shows how far
 * the fit's model landmarks move away from perfect input. All points are in inverseface's pixel
 * convention (pixel-corner origin): {@link LandmarksReader} turns the 1-based {@code .pts} centres into
 * it by subtracting 0.5, the detector and the camera projection use it already.
 *
 * <p>Run (after {@code mvn -B -pl benchmarks -am package -DskipTests}):
 * {@code java -cp benchmarks/target/benchmarks.jar io.inverseface.benchmarks.photos.PhotoLandmarkBenchmark
 * [--photos DIR] [--subset lfpw-test|afw|all] [--limit N] [--given] [--set name=value,...]
 * [--backend CPU|AUTO|...] [--csv FILE] [--verbose]}. A photo's failure becomes a failed row, never stops
 * the run.
 */
public final class PhotoLandmarkBenchmark {

    private PhotoLandmarkBenchmark() {
    }

    /** Scores each photo with the detected landmarks only. */
    public static List<PhotoRow> run(FaceReconstructor reconstructor, List<Path> photos) {
        return run(reconstructor, photos, false, null);
    }

    /**
     * @param reconstructor the fit (and, through {@link FaceReconstructor#detector()}, the detector)
     * @param photos        JPEGs with their {@code .pts} beside them
     * @param given         also fit the ground-truth points
     * @param progress      called after each photo, or null
     * @return one row per photo, in order
     */
    public static List<PhotoRow> run(FaceReconstructor reconstructor, List<Path> photos, boolean given,
                                     Consumer<PhotoRow> progress) {
        List<PhotoRow> rows = new ArrayList<>(photos.size());
        for (Path photo : photos) {
            PhotoRow row = measure(reconstructor, photo, given);
            rows.add(row);
            if (progress != null) {
                progress.accept(row);
            }
        }
        return rows;
    }

    /** Scores one photo; every failure is caught into the row. */
    public static PhotoRow measure(FaceReconstructor reconstructor, Path photo, boolean given) {
        String subset = PhotoSet.subsetOf(photo);
        String name = subset + "/" + photo.getFileName();
        double nan = Double.NaN;
        double[] noOffset = {nan, nan};
        Landmarks truth;
        RgbImage image;
        try {
            truth = LandmarksReader.read(PhotoSet.ptsOf(photo));
            image = ImageLoader.load(photo);
        } catch (RuntimeException e) {
            return new PhotoRow(name, subset, Status.FAILED, -1, nan, nan, nan, nan, nan, nan, nan, noOffset,
                    nan, nan, nan, "read: " + describe(e));
        }
        double eyes = truth.interOcularDistance();

        // The fit to the ground truth runs whatever the detector does.
        double given68 = nan, given51 = nan, givenSeconds = nan;
        String givenError = null;
        if (given) {
            long t = System.nanoTime();
            try {
                double[] fitted = reconstructor.reconstruct(image, truth).fittedLandmarks();
                given68 = Nme.nme68(fitted, truth);
                given51 = Nme.nme51(fitted, truth);
            } catch (RuntimeException e) {
                givenError = "given: " + describe(e);
            }
            givenSeconds = seconds(t);
        }

        long t0 = System.nanoTime();
        List<DetectedFace> faces;
        try {
            faces = reconstructor.detector().detect(image);
        } catch (RuntimeException e) {
            return new PhotoRow(name, subset, Status.FAILED, -1, eyes, nan, nan, nan, nan, given68, given51, noOffset,
                    seconds(t0), nan, givenSeconds, join("detect: " + describe(e), givenError));
        }
        double detectSeconds = seconds(t0);
        Optional<DetectedFace> face = select(faces, truth);
        if (face.isEmpty()) {
            return new PhotoRow(name, subset, Status.MISS, faces.size(), eyes, nan, nan, nan, nan, given68, given51,
                    noOffset, detectSeconds, nan, givenSeconds, givenError);
        }
        double[] detected = face.get().landmarks().coordinates();
        double det68 = Nme.nme68(detected, truth), det51 = Nme.nme51(detected, truth);
        double[] offset = Nme.meanOffset(detected, truth);

        long t1 = System.nanoTime();
        try {
            Reconstruction r = reconstructor.reconstruct(image, face.get().landmarks());
            double[] fitted = r.fittedLandmarks();
            return new PhotoRow(name, subset, Status.OK, faces.size(), eyes, det68, det51, Nme.nme68(fitted, truth),
                    Nme.nme51(fitted, truth), given68, given51, offset, detectSeconds, seconds(t1), givenSeconds,
                    givenError);
        } catch (RuntimeException e) {
            return new PhotoRow(name, subset, Status.FIT_FAILED, faces.size(), eyes, det68, det51, nan, nan, given68,
                    given51, offset, detectSeconds, seconds(t1), givenSeconds, join("fit: " + describe(e), givenError));
        }
    }

    /**
     * The README's rule: the detection whose box contains the centroid of the ground-truth points; among
     * several, the one whose box centre is nearest to it.
     */
    public static Optional<DetectedFace> select(List<DetectedFace> faces, Landmarks truth) {
        double[] c = Nme.centroid(truth);
        DetectedFace best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (DetectedFace f : faces) {
            if (f.box().contains(c[0], c[1])) {
                double d = Math.hypot(f.box().centerX() - c[0], f.box().centerY() - c[1]);
                if (d < bestDistance) {
                    best = f;
                    bestDistance = d;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    // ---------------------------------------------------------------- summary

    /** The printed summary: detection, NME of detector and fit (paired), the fit to the ground truth, timing. */
    public static String summary(List<PhotoRow> rows) {
        StringBuilder sb = new StringBuilder();
        List<String> groups = new ArrayList<>();
        for (String s : PhotoSet.SUBSETS) {
            if (rows.stream().anyMatch(r -> r.subset().equals(s))) {
                groups.add(s);
            }
        }
        groups.add("all");

        sb.append("Detection (the annotated face = the detection whose box holds the ground-truth centroid);\n")
                .append("detector NME over every found face, % of the outer-eye-corner distance\n");
        sb.append(String.format(Locale.ROOT, "%-10s %6s %6s %7s %5s %6s %7s  %8s %7s %8s %7s %5s%n", "subset", "photos",
                "found", "rate", "miss", "failed", "fit-err", "NME68", "median", "NME51", "median", ">10%"));
        for (String g : groups) {
            List<PhotoRow> in = subset(rows, g);
            List<PhotoRow> found = in.stream().filter(PhotoRow::found).toList();
            sb.append(String.format(Locale.ROOT, "%-10s %6d %6d %6.1f%% %5d %6d %7d  %8s %7s %8s %7s %5d%n", g, in.size(),
                    found.size(), 100.0 * found.size() / Math.max(1, in.size()), count(in, r -> r.status() == Status.MISS),
                    count(in, r -> r.status() == Status.FAILED), count(in, r -> r.status() == Status.FIT_FAILED),
                    pct(mean(found, PhotoRow::detectorNme68)), pct(median(found, PhotoRow::detectorNme68)),
                    pct(mean(found, PhotoRow::detectorNme51)), pct(median(found, PhotoRow::detectorNme51)),
                    count(found, r -> r.detectorNme68() > 0.10)));
        }

        sb.append("\nDetector vs fit, paired over the photos with both (NME %; Δ = fit − detector; "
                + "better = photos where the fit's NME is lower)\n");
        sb.append(String.format(Locale.ROOT, "%-10s %-6s %5s  %7s %7s  %7s %7s  %7s %7s  %11s  %9s%n", "subset", "points",
                "n", "det", "median", "fit", "median", "Δ mean", "Δ med", "fit better", "fit >10%"));
        for (String g : groups) {
            List<PhotoRow> p = subset(rows, g).stream().filter(PhotoRow::paired).toList();
            for (int pts : new int[] {68, 51}) {
                ToDoubleFunction<PhotoRow> det = pts == 68 ? PhotoRow::detectorNme68 : PhotoRow::detectorNme51;
                ToDoubleFunction<PhotoRow> fit = pts == 68 ? PhotoRow::fitNme68 : PhotoRow::fitNme51;
                ToDoubleFunction<PhotoRow> diff = r -> fit.applyAsDouble(r) - det.applyAsDouble(r);
                int better = count(p, r -> fit.applyAsDouble(r) < det.applyAsDouble(r));
                sb.append(String.format(Locale.ROOT, "%-10s %-6s %5d  %7s %7s  %7s %7s  %7s %7s  %5d %4.0f%%  %9d%n", g,
                        pts, p.size(), pct(mean(p, det)), pct(median(p, det)), pct(mean(p, fit)), pct(median(p, fit)),
                        signedPct(mean(p, diff)), signedPct(median(p, diff)), better, 100.0 * better / Math.max(1, p.size()),
                        count(p, r -> fit.applyAsDouble(r) > 0.10)));
            }
        }

        if (rows.stream().anyMatch(r -> !Double.isNaN(r.givenNme68()))) {
            sb.append("\nFit to the ground-truth landmarks (--given): how far the fit's landmarks move from perfect "
                    + "input, every photo that fitted (NME %)\n");
            sb.append(String.format(Locale.ROOT, "%-10s %5s %7s  %7s %7s  %7s %7s%n", "subset", "n", "failed", "NME68",
                    "median", "NME51", "median"));
            for (String g : groups) {
                List<PhotoRow> ok = subset(rows, g).stream().filter(r -> !Double.isNaN(r.givenNme68())).toList();
                sb.append(String.format(Locale.ROOT, "%-10s %5d %7d  %7s %7s  %7s %7s%n", g, ok.size(),
                        count(subset(rows, g), r -> r.error() != null && r.error().contains("given: ")),
                        pct(mean(ok, PhotoRow::givenNme68)), pct(median(ok, PhotoRow::givenNme68)),
                        pct(mean(ok, PhotoRow::givenNme51)), pct(median(ok, PhotoRow::givenNme51))));
            }
        }

        List<PhotoRow> found = rows.stream().filter(PhotoRow::found).toList();
        double dx = mean(found, r -> r.detectorOffset()[0]), dy = mean(found, r -> r.detectorOffset()[1]);
        double dxRel = mean(found, r -> r.detectorOffset()[0] / r.eyeDistance());
        double dyRel = mean(found, r -> r.detectorOffset()[1] / r.eyeDistance());
        sb.append(String.format(Locale.ROOT, "%nDetector bias (mean signed detected − truth over found faces): "
                + "dx %+.2f px (%+.2f %%), dy %+.2f px (%+.2f %%)%n", dx, 100 * dxRel, dy, 100 * dyRel));
        List<PhotoRow> detected = rows.stream().filter(r -> !Double.isNaN(r.detectSeconds())).toList();
        List<PhotoRow> fitted = rows.stream().filter(r -> !Double.isNaN(r.fitSeconds())).toList();
        sb.append(String.format(Locale.ROOT, "Time per photo: detection %.3f s mean, fit %.2f s mean (%.2f median)",
                mean(detected, PhotoRow::detectSeconds), mean(fitted, PhotoRow::fitSeconds),
                median(fitted, PhotoRow::fitSeconds)));
        List<PhotoRow> givenTimed = rows.stream().filter(r -> !Double.isNaN(r.givenSeconds())).toList();
        if (!givenTimed.isEmpty()) {
            sb.append(String.format(Locale.ROOT, ", given fit %.2f s mean", mean(givenTimed, PhotoRow::givenSeconds)));
        }
        sb.append('\n');
        List<PhotoRow> errors = rows.stream().filter(r -> r.error() != null).toList();
        if (!errors.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nErrors (%d):%n", errors.size()));
            for (PhotoRow r : errors) {
                sb.append("  ").append(r.photo()).append(" [").append(r.status()).append("] ").append(r.error()).append('\n');
            }
        }
        return sb.toString();
    }

    /** Writes one CSV line per photo (NME as fractions, times in seconds). */
    public static void writeCsv(List<PhotoRow> rows, Path file) {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.println("photo,subset,status,faces,eye_px,det_nme68,det_nme51,fit_nme68,fit_nme51,given_nme68,given_nme51,"
                    + "det_dx_px,det_dy_px,detect_s,fit_s,given_s,error");
            for (PhotoRow r : rows) {
                w.println(String.join(",", r.photo(), r.subset(), r.status().name(), String.valueOf(r.faces()),
                        num(r.eyeDistance()), num(r.detectorNme68()), num(r.detectorNme51()), num(r.fitNme68()),
                        num(r.fitNme51()), num(r.givenNme68()), num(r.givenNme51()), num(r.detectorOffset()[0]),
                        num(r.detectorOffset()[1]), num(r.detectSeconds()), num(r.fitSeconds()), num(r.givenSeconds()),
                        r.error() == null ? "" : '"' + r.error().replace('"', '\'').replaceAll("\\R", " ") + '"'));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    // ---------------------------------------------------------------- main

    public static void main(String[] args) {
        Path photosDir = null;
        String subset = "all";
        int limit = 0;
        boolean given = false, verbose = false;
        Path csv = null;
        Backend backend = Backend.CPU;
        Consumer<FaceReconstructor.Builder> overrides = b -> { };
        String detectorName = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--photos" -> photosDir = Path.of(value(args, ++i));
                case "--subset" -> subset = value(args, ++i);
                case "--limit" -> limit = Integer.parseInt(value(args, ++i));
                case "--given" -> given = true;
                case "--set" -> overrides = CoarseOptionOverrides.parse(value(args, ++i));
                case "--backend" -> backend = Backend.valueOf(value(args, ++i).toUpperCase(Locale.ROOT));
                case "--csv" -> csv = Path.of(value(args, ++i));
                case "--detector" -> detectorName = value(args, ++i);
                case "--verbose" -> verbose = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --photos DIR, "
                        + "--subset lfpw-test|afw|all, --limit N, --given, --set name=value,..., --backend NAME, --detector NAME, "
                        + "--csv FILE, --verbose)");
            }
        }
        Path root = photosDir != null ? photosDir : PhotoSet.locate().orElseThrow(() -> new IllegalStateException(
                "no " + PhotoSet.RELATIVE_DIRECTORY + " at or above " + Path.of("").toAbsolutePath() + " (use --photos DIR)"));
        List<Path> all = PhotoSet.list(root, subset);
        if (all.isEmpty()) {
            throw new IllegalStateException("no .jpg with a .pts beside it under " + root + " (subset " + subset + ")");
        }
        List<Path> photos = PhotoSet.everyKth(all, limit);
        long t0 = System.nanoTime();
        FaceReconstructor.Builder builder = FaceReconstructor.builder().model(FaceModels.ictLight()).backend(backend)
                .withoutDetail();
        if (detectorName != null) {
            builder.landmarkDetector(LandmarkDetectors.byName(detectorName));
        }
        overrides.accept(builder);
        try (FaceReconstructor reconstructor = builder.build()) {
            LandmarkDetector detector = reconstructor.detector();
            System.out.printf(Locale.ROOT, "Photo landmarks: %d of %d photos (%s) in %s, backend %s, model %s, "
                            + "detector %s%s%n%s%n%s%n%n", photos.size(), all.size(), subset, root, reconstructor.backendName(),
                    reconstructor.model().name(), detector.getClass().getSimpleName(), given ? ", with --given" : "",
                    reconstructor.coarseOptions(), reconstructor.energies());
            int[] done = {0};
            boolean v = verbose;
            List<PhotoRow> rows = run(reconstructor, photos, given, r -> {
                done[0]++;
                if (v) {
                    System.err.printf(Locale.ROOT, "%4d %-36s %-10s det %s/%s fit %s/%s given %s/%s %.1fs%s%n", done[0],
                            r.photo(), r.status(), pct(r.detectorNme68()), pct(r.detectorNme51()), pct(r.fitNme68()),
                            pct(r.fitNme51()), pct(r.givenNme68()), pct(r.givenNme51()),
                            nz(r.detectSeconds()) + nz(r.fitSeconds()) + nz(r.givenSeconds()),
                            r.error() == null ? "" : "  " + r.error());
                } else if (done[0] % 25 == 0 || done[0] == photos.size()) {
                    System.err.printf(Locale.ROOT, "  %d/%d photos, %.0f s%n", done[0], photos.size(), seconds(t0));
                }
            });
            System.out.print(summary(rows));
            if (csv != null) {
                writeCsv(rows, csv);
                System.out.println("rows written to " + csv.toAbsolutePath());
            }
            System.out.printf(Locale.ROOT, "%ntotal %.1f s%n", seconds(t0));
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static List<PhotoRow> subset(List<PhotoRow> rows, String group) {
        return group.equals("all") ? rows : rows.stream().filter(r -> r.subset().equals(group)).toList();
    }

    private static int count(List<PhotoRow> rows, Predicate<PhotoRow> p) {
        return (int) rows.stream().filter(p).count();
    }

    static double mean(List<PhotoRow> rows, ToDoubleFunction<PhotoRow> f) {
        return rows.stream().mapToDouble(f).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    static double median(List<PhotoRow> rows, ToDoubleFunction<PhotoRow> f) {
        double[] v = rows.stream().mapToDouble(f).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }

    private static String pct(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.2f", 100 * fraction);
    }

    private static String signedPct(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%+.2f", 100 * fraction);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static double nz(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) * 1e-9;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.replaceAll("\\R", " "));
    }

    private static String join(String a, String b) {
        return b == null ? a : a + "; " + b;
    }
}
