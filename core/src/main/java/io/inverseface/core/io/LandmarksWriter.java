package io.inverseface.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes landmarks as iBUG {@code .pts} (300-W 1-based convention, see {@link LandmarksReader}) or as
 * JSON (our pixel-corner convention). Writes are atomic: a temporary file in the target directory is
 * renamed over the target, so a reader never sees half a file.
 */
public final class LandmarksWriter {

    private LandmarksWriter() {
    }

    /**
     * @param landmarks the points, in our convention
     * @param file      target {@code .pts} file (parent directories are created)
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void writePts(Landmarks landmarks, Path file) {
        writeAtomically(file, toPts(landmarks));
    }

    /**
     * @param landmarks the points, in our convention
     * @param file      target {@code .json} file (parent directories are created)
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void writeJson(Landmarks landmarks, Path file) {
        writeAtomically(file, toJson(landmarks));
    }

    /**
     * @param landmarks the points, in our convention
     * @return iBUG {@code .pts} text, coordinates shifted by {@link LandmarksReader#PTS_OFFSET}
     */
    public static String toPts(Landmarks landmarks) {
        StringBuilder sb = new StringBuilder(2048);
        sb.append("version: 1\nn_points: ").append(Landmarks.COUNT).append("\n{\n");
        for (int i = 0; i < Landmarks.COUNT; i++) {
            sb.append(number(landmarks.x(i) + LandmarksReader.PTS_OFFSET)).append(' ')
                    .append(number(landmarks.y(i) + LandmarksReader.PTS_OFFSET)).append('\n');
        }
        return sb.append("}\n").toString();
    }

    /**
     * @param landmarks the points, in our convention
     * @return JSON text {@code {"convention": ..., "landmarks": [[x, y], ...]}}
     */
    public static String toJson(Landmarks landmarks) {
        StringBuilder sb = new StringBuilder(2048);
        sb.append("{\n  \"convention\": \"pixel (0,0) is the top-left corner of the top-left pixel\",\n")
                .append("  \"landmarks\": [\n");
        for (int i = 0; i < Landmarks.COUNT; i++) {
            sb.append("    [").append(number(landmarks.x(i))).append(", ").append(number(landmarks.y(i))).append(']')
                    .append(i + 1 < Landmarks.COUNT ? ",\n" : "\n");
        }
        return sb.append("  ]\n}\n").toString();
    }

    private static String number(double v) {
        // Shortest round-tripping decimal, never in scientific notation (other .pts tools choke on it).
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static void writeAtomically(Path file, String text) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write landmarks to " + file + ": " + e.getMessage(), e);
        }
    }
}
