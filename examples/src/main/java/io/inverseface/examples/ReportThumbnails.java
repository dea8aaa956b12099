package io.inverseface.examples;

import io.inverseface.render.io.ImageFiles;
import io.inverseface.core.batch.ManifestRow;
import io.inverseface.render.ImageResize;
import io.inverseface.render.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downscaled copies of each item's pictures for the report, written beside it so that the page needs
 * nothing outside its own directory. Each column takes the first picture that exists: a batch row has
 * its source photo, {@code overlay.png} and {@code shaded.png}; a synthetic pair has {@code image.png},
 * {@code normals.png} and {@code mask.png}.
 */
final class ReportThumbnails {

    private static final Logger LOG = LoggerFactory.getLogger(ReportThumbnails.class);

    /** Longest side of a thumbnail, pixels. */
    static final int SIZE = 128;
    /** Sub-directory of the output root that holds them. */
    static final String DIRECTORY = "report-thumbnails";

    /** Columns of the grid and the pictures each may show, first existing one wins. */
    enum Column {
        INPUT("input", List.of("image.png")),
        OVERLAY("overlay", List.of("overlay.png", "normals.png")),
        SHADED("shaded", List.of("shaded.png", "shaded-front.png", "mask.png"));

        final String label;
        final List<String> candidates;

        Column(String label, List<String> candidates) {
            this.label = label;
            this.candidates = candidates;
        }
    }

    private ReportThumbnails() {
    }

    /**
     * Writes the thumbnail of one column of one row, if it has a picture.
     *
     * @return its path relative to {@code root}, with '/' separators
     */
    static Optional<String> write(Path root, ManifestRow row, Column column) {
        Optional<Path> picture = picture(root, row, column);
        if (picture.isEmpty()) {
            return Optional.empty();
        }
        String name = row.output() + "-" + column.label + ".png";
        Path target = root.resolve(DIRECTORY).resolve(name);
        try {
            if (!Files.exists(target) || Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(picture.get())) < 0) {
                ImageFiles.writePng(ImageResize.fitWithin(ImageFiles.read(picture.get()), SIZE), target);
            }
            return Optional.of(DIRECTORY + "/" + name);
        } catch (IOException | RuntimeException e) {
            LOG.warn("no thumbnail for {} ({}): {}", row.input(), column.label, e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<Path> picture(Path root, ManifestRow row, Column column) {
        Path dir = root.resolve(row.output());
        if (column == Column.INPUT) {
            try {
                Path source = Path.of(row.source());
                if (Files.isRegularFile(source)) {
                    return Optional.of(source);
                }
            } catch (RuntimeException e) {
                // A URI or a synthetic source: fall through to the item's own image.png.
            }
        }
        return column.candidates.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst();
    }
}
