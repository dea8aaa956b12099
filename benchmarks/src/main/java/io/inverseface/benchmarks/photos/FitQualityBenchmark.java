package io.inverseface.benchmarks.photos;

import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.FitQuality;
import io.inverseface.core.io.ImageLoader;
import io.inverseface.core.io.Landmarks;
import io.inverseface.core.io.LandmarksReader;
import io.inverseface.render.RgbImage;
import io.inverseface.core.model.FaceModels;
import io.inverseface.optim.backend.Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * How well {@link FitQuality} tells a fit on the right landmarks from a fit on another photo's: every
 * k-th annotated real photo ({@code shared/eval/photos}) is fitted with its own annotated 68 points, and
 * with the annotated points of another photo of the set, scaled by the two photos' sizes so that they
 * lie in the frame as a wrong landmark file would (the case a user hits by pairing files wrongly). Prints
 * each measure's spread in both cases and how many of each the flag marks.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.inverseface.benchmarks.photos.FitQualityBenchmark [--limit N]</pre>
 */
public final class FitQualityBenchmark {

    private FitQualityBenchmark() {
    }

    public static void main(String[] args) {
        int limit = 60, offset = 0;
        Path csv = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--limit" -> limit = Integer.parseInt(args[++i]);
                case "--offset" -> offset = Integer.parseInt(args[++i]);
                case "--csv" -> csv = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --limit N, --offset K: start the every-k-th choice at photo K, --csv FILE)");
            }
        }
        Path root = PhotoSet.locate().orElseThrow(() -> new IllegalStateException("no " + PhotoSet.RELATIVE_DIRECTORY));
        List<Path> all = PhotoSet.list(root, "all");
        List<Path> photos = PhotoSet.everyKth(all.subList(Math.min(offset, all.size()), all.size()), limit);
        List<FitQuality> own = new ArrayList<>(), foreign = new ArrayList<>();
        int refused = 0, failed = 0;
        long t0 = System.nanoTime();
        try (FaceReconstructor reconstructor = FaceReconstructor.builder().model(FaceModels.ictLight())
                .backend(Backend.CPU).withoutDetail().build()) {
            for (int i = 0; i < photos.size(); i++) {
                Path photo = photos.get(i), other = photos.get((i + photos.size() / 2) % photos.size());
                RgbImage image = ImageLoader.load(photo);
                Landmarks truth = LandmarksReader.read(PhotoSet.ptsOf(photo));
                try {
                    own.add(reconstructor.reconstruct(image, truth).quality());
                } catch (RuntimeException e) {
                    failed++;
                }
                RgbImage otherImage = ImageLoader.load(other);
                Landmarks wrong = rescaled(LandmarksReader.read(PhotoSet.ptsOf(other)), otherImage, image);
                try {
                    foreign.add(reconstructor.reconstruct(image, wrong).quality());
                } catch (io.inverseface.core.io.InvalidLandmarksException | io.inverseface.core.io.FaceTooSmallException e) {
                    refused++; // refused before fitting: also a right answer
                } catch (RuntimeException e) {
                    failed++;
                }
                if ((i + 1) % 10 == 0) {
                    System.err.printf(Locale.ROOT, "  %d/%d photos, %.0f s%n", i + 1, photos.size(), (System.nanoTime() - t0) * 1e-9);
                }
            }
        }
        System.out.printf(Locale.ROOT, "Fit quality on %d real photos: own landmarks (%d fits) against another photo's "
                + "(%d fits, %d refused by input validation), %d failures%n%n", photos.size(), own.size(), foreign.size(),
                refused, failed);
        System.out.println("| measure | landmarks | p5 | p25 | median | p75 | p95 |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        row("explained (R²)", own, foreign, FitQuality::explained);
        row("detail correlation", own, foreign, FitQuality::structure);
        row("skin", own, foreign, FitQuality::skin);
        row("landmark error (eye distances)", own, foreign, FitQuality::landmarkError);
        long ownFlagged = own.stream().filter(FitQuality::suspect).count();
        long foreignFlagged = foreign.stream().filter(FitQuality::suspect).count();
        System.out.printf(Locale.ROOT, "%nflagged suspect: own landmarks %d of %d (%.1f %%), another photo's %d of %d (%.1f %%)%n",
                ownFlagged, own.size(), 100.0 * ownFlagged / Math.max(1, own.size()), foreignFlagged, foreign.size(),
                100.0 * foreignFlagged / Math.max(1, foreign.size()));
        System.out.printf(Locale.ROOT, "total %.1f s%n", (System.nanoTime() - t0) * 1e-9);
        if (csv != null) {
            StringBuilder sb = new StringBuilder("landmarks,explained,detailCorrelation,skin,landmarkError,suspect\n");
            for (var e : List.of(java.util.Map.entry("own", own), java.util.Map.entry("foreign", foreign))) {
                for (FitQuality q : e.getValue()) {
                    sb.append(String.format(Locale.ROOT, "%s,%.5f,%.5f,%.5f,%.5f,%s%n", e.getKey(), q.explained(), q.structure(),
                            q.skin(), q.landmarkError(), q.suspect()));
                }
            }
            try {
                java.nio.file.Files.writeString(csv, sb);
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        }
    }

    /** Another photo's points in this photo's frame: scaled by the ratio of the two photos' sizes. */
    static Landmarks rescaled(Landmarks points, RgbImage from, RgbImage to) {
        double[] c = points.coordinates();
        double sx = (double) to.width() / from.width(), sy = (double) to.height() / from.height();
        double s = Math.min(sx, sy);
        double ox = (to.width() - s * from.width()) / 2, oy = (to.height() - s * from.height()) / 2;
        for (int i = 0; i < c.length; i += 2) {
            c[i] = ox + s * c[i];
            c[i + 1] = oy + s * c[i + 1];
        }
        return new Landmarks(c);
    }

    private static void row(String name, List<FitQuality> own, List<FitQuality> foreign, ToDoubleFunction<FitQuality> f) {
        for (var e : List.of(java.util.Map.entry("own", own), java.util.Map.entry("another photo's", foreign))) {
            double[] v = e.getValue().stream().mapToDouble(f).filter(Double::isFinite).sorted().toArray();
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", name, e.getKey(), q(v, 0.05), q(v, 0.25),
                    q(v, 0.5), q(v, 0.75), q(v, 0.95));
        }
    }

    private static String q(double[] sorted, double p) {
        if (sorted.length == 0) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.3f", sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))]);
    }
}
