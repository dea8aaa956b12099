package io.inverseface.benchmarks.photos;

import io.inverseface.core.io.ImageLoader;
import io.inverseface.core.io.LandmarkGroup;
import io.inverseface.core.io.Landmarks;
import io.inverseface.core.io.LandmarksReader;
import io.inverseface.render.RgbImage;
import io.inverseface.core.landmarks.DetectedFace;
import io.inverseface.core.landmarks.LandmarkDetector;
import io.inverseface.core.landmarks.LandmarkDetectors;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Landmark detectors alone (no fit) on the annotated photos of {@code shared/eval/photos}: for each
 * detector, the detection rate of the annotated face (README rule, as {@link PhotoLandmarkBenchmark#select}),
 * mean and median NME over 68 and 51 points, NME per point group over the photos every detector found,
 * and the warm time per photo and per returned face.
 *
 * <p>Run (after {@code mvn -B -pl benchmarks -am package -DskipTests}):
 * {@code java -cp benchmarks/target/benchmarks.jar io.inverseface.benchmarks.photos.DetectorLandmarkBenchmark
 * [--photos DIR] [--subset lfpw-test|afw|all] [--limit N] [--detectors "face-api mediapipe combined:jaw=mean ..."]
 * [--csv FILE] [--points FILE]}. {@code --points} writes each detector's per-point scatter ({@link PointScatter}).
 * Detector names are those of {@link LandmarkDetectors#byName}. The first
 * {@value #WARM_UP} photos are run once untimed per detector first.
 */
public final class DetectorLandmarkBenchmark {

    static final int WARM_UP = 5;

    private DetectorLandmarkBenchmark() {
    }

    /** One detector's result on one photo. */
    record Row(String photo, String detector, boolean found, int faces, double nme68, double nme51, double[] groups,
               double seconds) {
    }

    public static void main(String[] args) throws IOException {
        Path photosDir = null;
        String subset = "all";
        int limit = 0;
        Path csv = null;
        Path points = null;
        List<String> names = List.of("face-api", "mediapipe");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--photos" -> photosDir = Path.of(args[++i]);
                case "--subset" -> subset = args[++i];
                case "--limit" -> limit = Integer.parseInt(args[++i]);
                case "--detectors" -> names = Arrays.asList(args[++i].trim().split("[;\\s]+"));
                case "--csv" -> csv = Path.of(args[++i]);
                case "--points" -> points = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --photos DIR, "
                        + "--subset lfpw-test|afw|all, --limit N, --detectors \"a b ...\", --csv FILE, --points FILE)");
            }
        }
        Path root = photosDir != null ? photosDir : PhotoSet.locate().orElseThrow(() -> new IllegalStateException(
                "no " + PhotoSet.RELATIVE_DIRECTORY + " at or above " + Path.of("").toAbsolutePath()));
        List<Path> photos = PhotoSet.everyKth(PhotoSet.list(root, subset), limit);
        Map<String, LandmarkDetector> detectors = new LinkedHashMap<>();
        for (String n : names) {
            detectors.put(n, LandmarkDetectors.byName(n));
        }
        System.out.printf(Locale.ROOT, "Detector landmarks: %d photos (%s) in %s, detectors %s, %d processors%n%n",
                photos.size(), subset, root, names, Runtime.getRuntime().availableProcessors());
        for (Map.Entry<String, LandmarkDetector> d : detectors.entrySet()) {
            for (Path p : photos.subList(0, Math.min(WARM_UP, photos.size()))) {
                d.getValue().detect(ImageLoader.load(p));
            }
        }
        List<Row> rows = new ArrayList<>();
        Map<String, PointScatter> scatter = new LinkedHashMap<>();
        names.forEach(n -> scatter.put(n, new PointScatter()));
        long t0 = System.nanoTime();
        int done = 0;
        for (Path photo : photos) {
            String name = PhotoSet.subsetOf(photo) + "/" + photo.getFileName();
            Landmarks truth = LandmarksReader.read(PhotoSet.ptsOf(photo));
            RgbImage image = ImageLoader.load(photo);
            for (Map.Entry<String, LandmarkDetector> d : detectors.entrySet()) {
                long t = System.nanoTime();
                List<DetectedFace> faces = d.getValue().detect(image);
                double seconds = (System.nanoTime() - t) * 1e-9;
                Optional<DetectedFace> face = PhotoLandmarkBenchmark.select(faces, truth);
                double nan = Double.NaN;
                if (face.isEmpty()) {
                    rows.add(new Row(name, d.getKey(), false, faces.size(), nan, nan, null, seconds));
                } else {
                    double[] pts = face.get().landmarks().coordinates();
                    scatter.get(d.getKey()).add(pts, truth);
                    double[] groups = new double[LandmarkGroup.values().length];
                    for (LandmarkGroup g : LandmarkGroup.values()) {
                        groups[g.ordinal()] = Nme.nme(pts, truth, g.first(), g.last());
                    }
                    rows.add(new Row(name, d.getKey(), true, faces.size(), Nme.nme68(pts, truth), Nme.nme51(pts, truth),
                            groups, seconds));
                }
            }
            if (++done % 50 == 0) {
                System.err.printf(Locale.ROOT, "  %d/%d photos, %.0f s%n", done, photos.size(), (System.nanoTime() - t0) * 1e-9);
            }
        }
        System.out.print(summary(rows, names));
        if (points != null) {
            for (Map.Entry<String, PointScatter> e : scatter.entrySet()) {
                Path file = names.size() == 1 ? points
                        : points.resolveSibling(e.getKey().replaceAll("[^A-Za-z0-9-]", "_") + "-" + points.getFileName());
                Files.writeString(file, e.getValue().csv("detector " + e.getKey() + ", photos " + subset
                        + ", DetectorLandmarkBenchmark --subset " + subset + (limit > 0 ? " --limit " + limit : "")
                        + " --detectors " + e.getKey() + " --points FILE"));
                System.out.println("per-point scatter of " + e.getKey() + ": " + file);
            }
        }
        if (csv != null) {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(csv))) {
                w.println("photo,detector,found,faces,nme68,nme51,jaw,brows,nose,eyes,mouth,seconds");
                for (Row r : rows) {
                    StringBuilder g = new StringBuilder();
                    for (int i = 0; i < LandmarkGroup.values().length; i++) {
                        g.append(',').append(r.groups == null ? "" : num(r.groups[i]));
                    }
                    w.println(r.photo + "," + r.detector + "," + r.found + "," + r.faces + "," + num(r.nme68) + ","
                            + num(r.nme51) + g + "," + num(r.seconds));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + csv, e);
            }
        }
    }

    static String summary(List<Row> rows, List<String> names) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-22s %6s %7s  %7s %7s  %7s %7s %5s  %9s %9s%n", "detector", "photos", "found",
                "NME68", "median", "NME51", "median", ">10%", "ms/photo", "ms/face"));
        for (String n : names) {
            List<Row> in = rows.stream().filter(r -> r.detector.equals(n)).toList();
            List<Row> found = in.stream().filter(Row::found).toList();
            double secs = in.stream().mapToDouble(Row::seconds).sum();
            int faces = in.stream().mapToInt(Row::faces).sum();
            sb.append(String.format(Locale.ROOT, "%-22s %6d %6.1f%%  %7.2f %7.2f  %7.2f %7.2f %5d  %9.1f %9.1f%n", n,
                    in.size(), 100.0 * found.size() / Math.max(1, in.size()),
                    100 * mean(found, Row::nme68), 100 * median(found, Row::nme68),
                    100 * mean(found, Row::nme51), 100 * median(found, Row::nme51),
                    found.stream().filter(r -> r.nme68 > 0.10).count(),
                    1000 * secs / Math.max(1, in.size()), 1000 * secs / Math.max(1, faces)));
        }
        // per group, over the photos that every detector found
        Map<String, List<Row>> byPhoto = new LinkedHashMap<>();
        rows.forEach(r -> byPhoto.computeIfAbsent(r.photo, k -> new ArrayList<>()).add(r));
        List<List<Row>> common = byPhoto.values().stream().filter(l -> l.stream().allMatch(Row::found)).toList();
        sb.append(String.format(Locale.ROOT, "%nNME per point group (%%), over the %d photos every detector found%n", common.size()));
        sb.append(String.format(Locale.ROOT, "%-22s", "detector"));
        for (LandmarkGroup g : LandmarkGroup.values()) {
            sb.append(String.format(Locale.ROOT, " %7s", g.name().toLowerCase(Locale.ROOT)));
        }
        sb.append(String.format(Locale.ROOT, " %7s %7s%n", "NME68", "NME51"));
        for (String n : names) {
            List<Row> in = common.stream().flatMap(List::stream).filter(r -> r.detector.equals(n)).toList();
            sb.append(String.format(Locale.ROOT, "%-22s", n));
            for (LandmarkGroup g : LandmarkGroup.values()) {
                sb.append(String.format(Locale.ROOT, " %7.2f", 100 * mean(in, r -> r.groups[g.ordinal()])));
            }
            sb.append(String.format(Locale.ROOT, " %7.2f %7.2f%n", 100 * mean(in, Row::nme68), 100 * mean(in, Row::nme51)));
        }
        return sb.toString();
    }

    private static double mean(List<Row> rows, java.util.function.ToDoubleFunction<Row> f) {
        return rows.stream().mapToDouble(f).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    private static double median(List<Row> rows, java.util.function.ToDoubleFunction<Row> f) {
        double[] v = rows.stream().mapToDouble(f).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
