package io.inverseface.benchmarks.fidelity;

import io.inverseface.render.io.ImageFiles;
import io.inverseface.benchmarks.options.CoarseOptionOverrides;
import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.landmarks.LandmarkDetectors;
import io.inverseface.core.Reconstruction;
import io.inverseface.core.io.LandmarkGroup;
import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.optim.backend.Backend;
import io.inverseface.render.ImageDrawing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real-face fidelity: photos of a real head scan ({@link ScanHead}, rendered by {@link ScanRenderer}) are
 * reconstructed, and each fitted shape is compared with the scan NoW-style ({@link NowMetric}); the model's
 * mean face, aligned the same way, is the baseline a fit must beat. Each view is fitted with the
 * landmarks given (the scan's projected landmark points) and with the reconstructor's detector.
 *
 * <p>Run (after {@code mvn -B -pl benchmarks -am package -DskipTests}):
 * {@code java -cp benchmarks/target/benchmarks.jar io.inverseface.benchmarks.fidelity.ScanFidelityBenchmark
 * [--views quick|full|smoke] [--out DIR] [--sources given,detected,oracle] [--backend CPU|AUTO|...] [--true-groups jaw,...]
 * [--error-map DIR]}
 * (defaults: quick, no pictures, both sources, CPU). With {@code --out}, each render is written as
 * {@code <view>.png} and each fit as {@code <view>-<source>-overlay.png} (the fit over the photo, the given
 * landmarks green and the fit's red).
 *
 * <p>Scan credit: Lee Perry-Smith's head scan, © I-R Entertainment Ltd., CC BY 3.0.
 */
public final class ScanFidelityBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(ScanFidelityBenchmark.class);

    private final ScanHead scan;
    private final ScanRenderer renderer;
    private final NowMetric metric;
    private final List<LandmarkSource> sources;
    private final Path outDir;
    private Set<LandmarkGroup> trueGroups = Set.of();

    /**
     * @param scan    the scan
     * @param sources which landmark sources to fit each view with
     * @param outDir  where to write the renders and overlays, or null for none
     */
    public ScanFidelityBenchmark(ScanHead scan, List<LandmarkSource> sources, Path outDir) {
        this.scan = scan;
        this.renderer = new ScanRenderer(scan);
        this.metric = new NowMetric(scan);
        this.sources = List.copyOf(sources);
        this.outDir = outDir;
    }

    /**
     * A diagnosis of which detected points cost the most shape: detected landmarks, but these groups taken
     * from the truth.
     *
     * @param groups point groups to replace; empty for plain detection
     * @return this
     */
    public ScanFidelityBenchmark trueGroups(Set<LandmarkGroup> groups) {
        this.trueGroups = Set.copyOf(groups);
        return this;
    }

    private static Landmarks withTruth(Landmarks detected, Landmarks truth, Set<LandmarkGroup> groups) {
        double[] c = detected.coordinates().clone();
        for (LandmarkGroup g : groups) {
            for (int k = g.first(); k <= g.last(); k++) {
                c[2 * k] = truth.x(k);
                c[2 * k + 1] = truth.y(k);
            }
        }
        return new Landmarks(c);
    }

    public NowMetric metric() {
        return metric;
    }

    public ScanRenderer renderer() {
        return renderer;
    }

    /** The mean face's errors (rigid, similarity): view-independent, the baseline of every row. */
    public Baseline meanFace(FaceModel model) {
        return new Baseline(metric.meanFace(model, AlignmentMode.RIGID), metric.meanFace(model, AlignmentMode.SIMILARITY),
                eyeSpan(model, model.meanShape()));
    }

    /**
     * The mean face's figures.
     *
     * @param rigid      error after the rigid alignment
     * @param similarity error after the similarity alignment
     * @param eyeSpanMm  its outer eye-corner distance, mm
     */
    public record Baseline(NowResult rigid, NowResult similarity, double eyeSpanMm) { }

    /**
     * Renders every view, reconstructs it with {@code reconstructor} once per landmark source, and measures
     * each fit. A failed detection or fit becomes a failed row, never an exception.
     */
    public List<ViewResult> run(FaceReconstructor reconstructor, List<ScanView> views) {
        return run(reconstructor, views, false);
    }

    /** The camera's focal length in pixels: the renders' horizontal field of view over their width. */
    public static double focalPixels(ScanView view) {
        return 0.5 * view.size() / Math.tan(Math.toRadians(view.fovDeg()) / 2);
    }

    /**
     * As {@link #run(FaceReconstructor, List)}; with {@code knownFocal} each fit is told the render's focal
     * length, as a user with EXIF data or a calibrated camera would tell it.
     */
    public List<ViewResult> run(FaceReconstructor reconstructor, List<ScanView> views, boolean knownFocal) {
        FaceModel model = reconstructor.model();
        List<ViewResult> results = new ArrayList<>();
        for (ScanView view : views) {
            ScanRender render = renderer.render(view);
            write(render.image(), view.name() + ".png");
            for (LandmarkSource source : sources) {
                ViewResult row = fit(reconstructor, model, render, source, knownFocal);
                LOG.info("{} {}: {}", view.name(), source, row.ok()
                        ? String.format(Locale.ROOT, "rigid median %.3f mm, similarity median %.3f mm",
                        row.rigid().median(), row.similarity().median()) : row.failure());
                results.add(row);
            }
        }
        return results;
    }

    private ViewResult fit(FaceReconstructor reconstructor, FaceModel model, ScanRender render, LandmarkSource source,
                           boolean knownFocal) {
        ScanView view = render.view();
        long t0 = System.nanoTime();
        Reconstruction r;
        try {
            Landmarks lm = switch (source) {
                case GIVEN -> render.landmarks();
                case DETECTED -> reconstructor.detector().detectLargest(render.image());
                case ORACLE -> oracleLandmarks(model, render);
            };
            if (source == LandmarkSource.DETECTED && !trueGroups.isEmpty()) {
                lm = withTruth(lm, render.landmarks(), trueGroups);
            }
            r = reconstructor.reconstruct(render.image(), lm, knownFocal ? focalPixels(view) : Double.NaN);
        } catch (RuntimeException e) {
            return ViewResult.failed(view, source, (System.nanoTime() - t0) * 1e-9,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        float[] shape = r.mesh().positions(); // model frame, mm (the camera carries the pose)
        NowResult rigid = metric.evaluate(model, shape, AlignmentMode.RIGID);
        NowResult similarity = metric.evaluate(model, shape, AlignmentMode.SIMILARITY);
        double detection = innerLandmarkError(r.landmarks(), render.landmarks());
        if (outDir != null) {
            RgbImage overlay = io.inverseface.core.output.Overlay.of(r);
            double[] fitted = r.fittedLandmarks();
            for (int k = 0; k < Landmarks.COUNT; k++) {
                ImageDrawing.drawPoint(overlay, render.landmarks().x(k), render.landmarks().y(k), 1.5, 0f, 1f, 0f);
                ImageDrawing.drawPoint(overlay, fitted[2 * k], fitted[2 * k + 1], 1.0, 1f, 0f, 0f);
            }
            write(overlay, view.name() + "-" + source.name().toLowerCase(Locale.ROOT) + "-overlay.png");
        }
        return new ViewResult(view, source, rigid, similarity, eyeSpan(model, shape), detection, r.landmarkRmsPixels(),
                seconds, null);
    }

    private double[] oraclePoints; // the model's landmark vertices on its best 3D fit, scan frame

    private synchronized Landmarks oracleLandmarks(FaceModel model, ScanRender render) {
        if (oraclePoints == null) {
            ScanModelOracle.Fit fit = new ScanModelOracle(model, metric).fit(80, 53, ScanModelOracle.DEFAULT_PRIOR, 30, false);
            oraclePoints = fit.toScan().applyAll(NowMetric.landmarkPoints(model, fit.shape()));
        }
        return ScanRenderer.project(render.camera(), oraclePoints);
    }

    /** Mean distance of the 51 inner landmarks (17–67) from the ground truth, pixels (0 for given ones). */
    private static double innerLandmarkError(Landmarks used, Landmarks truth) {
        double sum = 0;
        for (int k = NowMetric.FIRST_INNER_LANDMARK; k < Landmarks.COUNT; k++) {
            sum += Math.hypot(used.x(k) - truth.x(k), used.y(k) - truth.y(k));
        }
        return sum / (Landmarks.COUNT - NowMetric.FIRST_INNER_LANDMARK);
    }

    /** Distance between the shape's landmark vertices 36 and 45, mm. */
    static double eyeSpan(FaceModel model, float[] shape) {
        int[] lv = model.landmarkVertices();
        int a = 3 * lv[Landmarks.LEFT_EYE_OUTER], b = 3 * lv[Landmarks.RIGHT_EYE_OUTER];
        double dx = shape[a] - shape[b], dy = shape[a + 1] - shape[b + 1], dz = shape[a + 2] - shape[b + 2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /** The scan's outer eye-corner distance (its landmarks 36 and 45), mm. */
    public double scanEyeSpan() {
        double[] a = scan.landmark(Landmarks.LEFT_EYE_OUTER), b = scan.landmark(Landmarks.RIGHT_EYE_OUTER);
        return Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
    }

    private void write(RgbImage image, String name) {
        if (outDir != null) {
            writeTo(outDir, image, name);
        }
    }

    /**
     * Where the fits err, per landmark source, averaged over the views ({@link SignedErrorMap}, rigid
     * alignment), beside the mean face's: the tables returned, the pictures written to {@code dir} as
     * {@code error-map-<source>.png} and {@code error-map-mean-face.png}.
     */
    public String errorMaps(Baseline baseline, List<ViewResult> results, Path dir) {
        StringBuilder sb = new StringBuilder();
        SignedErrorMap mean = new SignedErrorMap(metric);
        mean.add(baseline.rigid());
        sb.append(String.format(Locale.ROOT, "%nSigned error by part, the mean face (rigid):%n%s", mean.table()));
        writeTo(dir, mean.picture(400), "error-map-mean-face.png");
        SignedErrorMap meanSimilarity = new SignedErrorMap(metric);
        meanSimilarity.add(baseline.similarity());
        sb.append(String.format(Locale.ROOT, "%nSigned error by part, the mean face (similarity):%n%s", meanSimilarity.table()));
        for (LandmarkSource source : LandmarkSource.values()) {
            SignedErrorMap map = new SignedErrorMap(metric), similarity = new SignedErrorMap(metric);
            results.stream().filter(v -> v.source() == source && v.ok()).forEach(v -> {
                map.add(v.rigid());
                similarity.add(v.similarity());
            });
            if (map.fits() == 0) {
                continue;
            }
            String name = source.name().toLowerCase(Locale.ROOT);
            sb.append(String.format(Locale.ROOT, "%nSigned error by part, %s landmarks, mean over %d fits (rigid):%n%s",
                    name, map.fits(), map.table()));
            sb.append(String.format(Locale.ROOT, "%nThe same, similarity:%n%s", similarity.table()));
            writeTo(dir, map.picture(400), "error-map-" + name + ".png");
            writeTo(dir, similarity.picture(400), "error-map-" + name + "-similarity.png");
        }
        sb.append(String.format(Locale.ROOT, "%nSigned error by part and view, mm (rigid):%n| view | landmarks |"));
        for (SignedErrorMap.Part p : SignedErrorMap.Part.values()) {
            sb.append(' ').append(p.name().toLowerCase(Locale.ROOT)).append(" |");
        }
        sb.append(String.format(Locale.ROOT, "%n|---|---|%s%n", "---:|".repeat(SignedErrorMap.Part.values().length)));
        for (ViewResult v : results) {
            if (!v.ok()) {
                continue;
            }
            sb.append("| ").append(v.view().name()).append(" | ").append(v.source().name().toLowerCase(Locale.ROOT)).append(" |");
            for (double m : mean.partMeans(v.rigid())) {
                sb.append(String.format(Locale.ROOT, " %+.2f |", m));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void writeTo(Path dir, RgbImage image, String name) {
        try {
            Files.createDirectories(dir);
            ImageFiles.writePng(image, dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name), e);
        }
    }

    /** The results as a Markdown table with the mean face first and summary lines after. */
    public String table(Baseline baseline, List<ViewResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| view | landmarks | rigid median | rigid mean | rigid std | sim median | sim mean | sim std "
                + "| sim scale | eye span mm | det err px | fit lmk px | beats mean | fit s |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
        sb.append(String.format(Locale.ROOT, "| **mean face** | — | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.1f | — | — | — | — |%n",
                baseline.rigid().median(), baseline.rigid().mean(), baseline.rigid().std(),
                baseline.similarity().median(), baseline.similarity().mean(), baseline.similarity().std(),
                baseline.similarity().transform().scale(), baseline.eyeSpanMm()));
        for (ViewResult v : results) {
            String src = v.source().name().toLowerCase(Locale.ROOT);
            if (!v.ok()) {
                sb.append(String.format(Locale.ROOT, "| %s | %s | FAILED: %s | | | | | | | | | | | %.2f |%n",
                        v.view().name(), src, v.failure().replace('|', '/'), v.seconds()));
                continue;
            }
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.1f | %.2f | %.2f | %s | %.2f |%n",
                    v.view().name(), src, v.rigid().median(), v.rigid().mean(), v.rigid().std(),
                    v.similarity().median(), v.similarity().mean(), v.similarity().std(),
                    v.similarity().transform().scale(), v.eyeSpanMm(), v.detectionErrorPx(), v.fitLandmarkRmsPx(),
                    v.rigid().median() < baseline.rigid().median() ? "yes" : "no", v.seconds()));
        }
        for (LandmarkSource source : LandmarkSource.values()) {
            List<ViewResult> rows = results.stream().filter(v -> v.source() == source).toList();
            if (rows.isEmpty()) {
                continue;
            }
            List<ViewResult> ok = rows.stream().filter(ViewResult::ok).toList();
            double[] rigid = ok.stream().mapToDouble(v -> v.rigid().median()).toArray();
            double[] sim = ok.stream().mapToDouble(v -> v.similarity().median()).toArray();
            double[] eye = ok.stream().mapToDouble(ViewResult::eyeSpanMm).toArray();
            long beatRigid = ok.stream().filter(v -> v.rigid().median() < baseline.rigid().median()).count();
            long beatSim = ok.stream().filter(v -> v.similarity().median() < baseline.similarity().median()).count();
            sb.append(String.format(Locale.ROOT,
                    "%n%s landmarks: %d of %d views fitted; median across views: rigid %.3f mm (mean face %.3f), "
                            + "similarity %.3f mm (mean face %.3f); beat the mean face: %d of %d rigid, %d of %d similarity; "
                            + "eye span median %.1f mm (min %.1f, max %.1f; scan %.1f, its README 91.5, mean face %.1f)",
                    source.name().toLowerCase(Locale.ROOT), ok.size(), rows.size(), median(rigid),
                    baseline.rigid().median(), median(sim), baseline.similarity().median(), beatRigid, ok.size(),
                    beatSim, ok.size(), median(eye), min(eye), max(eye), scanEyeSpan(), baseline.eyeSpanMm()));
        }
        return sb.append('\n').toString();
    }

    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    public static void main(String[] args) {
        String views = "quick";
        Path out = null;
        List<LandmarkSource> sources = List.of(LandmarkSource.GIVEN, LandmarkSource.DETECTED);
        Backend backend = Backend.CPU;
        boolean knownFocal = false;
        Consumer<FaceReconstructor.Builder> overrides = b -> { };
        String detectorName = null;
        Set<LandmarkGroup> trueGroups = Set.of();
        Path errorMaps = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--known-focal" -> knownFocal = true;
                case "--set" -> overrides = CoarseOptionOverrides.parse(args[++i]);
                case "--views" -> views = args[++i];
                case "--detector" -> detectorName = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                case "--error-map" -> errorMaps = Path.of(args[++i]);
                case "--sources" -> sources = Arrays.stream(args[++i].split(","))
                        .map(s -> LandmarkSource.valueOf(s.trim().toUpperCase(Locale.ROOT))).toList();
                case "--true-groups" -> trueGroups = Arrays.stream(args[++i].split(","))
                        .map(g -> LandmarkGroup.valueOf(g.trim().toUpperCase(Locale.ROOT))).collect(Collectors.toSet());
                case "--backend" -> backend = Backend.valueOf(args[++i].toUpperCase(Locale.ROOT));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --views quick|full|smoke, --out DIR, --sources given,detected,oracle, --backend NAME, --detector NAME, --known-focal, --set option=value,..., --true-groups jaw,brows,..., --error-map DIR)");
            }
        }
        List<ScanView> grid = switch (views) {
            case "quick" -> ScanViews.quick();
            case "full" -> ScanViews.full();
            case "smoke" -> ScanViews.smoke();
            default -> throw new IllegalArgumentException("--views must be quick, full or smoke, got " + views);
        };
        long t0 = System.nanoTime();
        FaceModel model = FaceModels.ictLight();
        ScanFidelityBenchmark benchmark = new ScanFidelityBenchmark(ScanHead.load(), sources, out).trueGroups(trueGroups);
        FaceReconstructor.Builder builder = FaceReconstructor.builder().model(model).backend(backend).withoutDetail();
        if (detectorName != null) {
            builder.landmarkDetector(LandmarkDetectors.byName(detectorName));
        }
        overrides.accept(builder);
        try (FaceReconstructor reconstructor = builder.build()) {
            Baseline baseline = benchmark.meanFace(model);
            List<ViewResult> results = benchmark.run(reconstructor, grid, knownFocal);
            System.out.printf(Locale.ROOT, "Scan fidelity (NoW-style, mm, area-weighted; face region %d scan vertices, "
                            + "%.0f cm²): %d views (%s), backend %s, model %s, focal %s%n%s%n%s%n%n", benchmark.metric().region().size(),
                    benchmark.metric().region().area() / 100, grid.size(), views, reconstructor.backendName(), model.name(),
                    knownFocal ? "known" : "unknown", reconstructor.coarseOptions(), reconstructor.energies());
            System.out.print(benchmark.table(baseline, results));
            if (errorMaps != null) {
                System.out.print(benchmark.errorMaps(baseline, results, errorMaps));
            }
            System.out.printf(Locale.ROOT, "%ntotal %.1f s%n", (System.nanoTime() - t0) * 1e-9);
        }
    }
}
