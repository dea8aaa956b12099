package io.inverseface.core.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The images of a batch: every PNG or JPEG under a directory (recursively, sorted, ids relative to the
 * directory with '/' separators), or the paths in a list file (one per line; blank lines and lines
 * starting with '#' ignored; relative paths resolved against the list file's directory; ids as written).
 */
public final class ImageInputs {

    private ImageInputs() {
    }

    /** Directory or list file, whichever {@code input} is. */
    public static List<BatchItem> from(Path input) {
        return from(input, null);
    }

    /**
     * Directory or list file, whichever {@code input} is, leaving out anything under {@code exclude}
     * (the batch's own output directory when it lies inside the input directory; may be null).
     */
    public static List<BatchItem> from(Path input, Path exclude) {
        if (Files.isDirectory(input)) {
            List<BatchItem> all = scanDirectory(input);
            if (exclude == null) {
                return all;
            }
            Path ex = exclude.toAbsolutePath().normalize();
            return all.stream().filter(i -> !Path.of(i.source()).startsWith(ex)).toList();
        }
        if (Files.isRegularFile(input)) {
            return readList(input);
        }
        throw new UncheckedIOException(new NoSuchFileException(input.toString(), null, "no such file or directory"));
    }

    /** True for the extensions the batch reads: png, jpg, jpeg (any case). */
    public static boolean isImageFile(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    static List<BatchItem> scanDirectory(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(ImageInputs::isImageFile)
                    .filter(p -> !hidden(dir.relativize(p)))
                    .sorted()
                    .map(p -> BatchItem.of(relativeId(dir, p), p.toAbsolutePath().normalize().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    static List<BatchItem> readList(Path listFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(listFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the list " + listFile + ": " + e.getMessage(), e);
        }
        Path base = listFile.toAbsolutePath().getParent();
        List<BatchItem> items = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String line : lines) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#") || !seen.add(entry)) {
                continue; // a path listed twice is one item
            }
            items.add(BatchItem.of(entry, base.resolve(entry).normalize().toString()));
        }
        return items;
    }

    /** Relative path with '/' separators, whatever the platform. */
    static String relativeId(Path dir, Path file) {
        Path rel = dir.relativize(file);
        StringBuilder sb = new StringBuilder();
        for (Path part : rel) {
            sb.append(sb.length() == 0 ? "" : "/").append(part);
        }
        return sb.toString();
    }

    /** Hidden files and directories (e.g. our own temporaries, .git) are not inputs. */
    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
