package io.inverseface.benchmarks.photos;

import io.inverseface.benchmarks.SharedFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The annotated photos of {@code shared/eval/photos} (outside the repository: research-only data, never
 * copied in): {@code <subset>/<name>.jpg} with its {@code <name>.pts} beside it.
 */
public final class PhotoSet {

    /** Where the photos lie relative to a directory at or above the checkout. */
    public static final String RELATIVE_DIRECTORY = "shared/eval/photos";
    /** The subsets, in the README's order. */
    public static final List<String> SUBSETS = List.of("lfpw-test", "afw");

    private PhotoSet() {
    }

    /** Walks up from the working directory looking for {@code shared/eval/photos} (also beside each level). */
    public static Optional<Path> locate() {
        return SharedFolder.locate(Paths.get(RELATIVE_DIRECTORY),
                c -> Files.isDirectory(c) && SUBSETS.stream().anyMatch(s -> Files.isDirectory(c.resolve(s))));
    }

    /**
     * @param root   the photos directory
     * @param subset {@code lfpw-test}, {@code afw} or {@code all}
     * @return the JPEGs that have a {@code .pts} beside them, subsets in README order, names sorted
     */
    public static List<Path> list(Path root, String subset) {
        List<String> wanted = switch (subset.toLowerCase(Locale.ROOT)) {
            case "all" -> SUBSETS;
            case "lfpw-test", "afw" -> List.of(subset.toLowerCase(Locale.ROOT));
            default -> throw new IllegalArgumentException("--subset must be lfpw-test, afw or all, got " + subset);
        };
        List<Path> out = new ArrayList<>();
        for (String s : wanted) {
            Path dir = root.resolve(s);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jpg"))
                        .filter(p -> Files.isRegularFile(ptsOf(p)))
                        .sorted()
                        .forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        return out;
    }

    /**
     * A deterministic subset: every k-th photo with {@code k = max(1, size / limit)}, at most {@code limit}.
     *
     * @param limit how many to keep; {@code <= 0} keeps all
     */
    public static List<Path> everyKth(List<Path> photos, int limit) {
        if (limit <= 0 || limit >= photos.size()) {
            return List.copyOf(photos);
        }
        int k = Math.max(1, photos.size() / limit);
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < photos.size() && out.size() < limit; i += k) {
            out.add(photos.get(i));
        }
        return out;
    }

    /** @return the {@code .pts} beside a photo */
    public static Path ptsOf(Path photo) {
        String name = photo.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return photo.resolveSibling((dot < 0 ? name : name.substring(0, dot)) + ".pts");
    }

    /** @return the subset a photo belongs to: its directory's name */
    public static String subsetOf(Path photo) {
        Path parent = photo.toAbsolutePath().getParent();
        return parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
    }
}
