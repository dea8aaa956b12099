package io.inverseface.core.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One line of {@code manifest.jsonl}: what happened to one item.
 *
 * @param input           the item's id ({@link BatchItem#id()})
 * @param source          where its input came from
 * @param output          its output directory, relative to the batch's output root
 * @param status          {@code ok} or {@code failed}
 * @param error           why it failed (null when ok)
 * @param energies        final cost per energy term of the fit (empty when not a reconstruction)
 * @param landmarkRms     landmark RMS error in pixels (NaN when unknown)
 * @param seconds         wall time spent on the item, reading and writing included
 * @param files           the files written, relative to {@code output} (empty when failed)
 * @param key             what the result depends on ({@link ResultKeys}), or null when unknown (rows of
 *                        older manifests, items whose processor computes no key)
 */
public record ManifestRow(String input, String source, String output, Status status, String error,
                          Map<String, Double> energies, double landmarkRms, double seconds, List<String> files,
                          String key) {

    /** Outcome of one item. */
    public enum Status {
        OK, FAILED;

        /** The manifest spelling: {@code ok} or {@code failed}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status fromLabel(String label) {
            return Status.valueOf(label.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public ManifestRow {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(status, "status");
        energies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(energies));
        files = List.copyOf(files);
    }

    public static ManifestRow ok(BatchItem item, Map<String, Double> energies, double landmarkRms, double seconds,
                                 List<String> files) {
        return new ManifestRow(item.id(), item.source(), item.outputName(), Status.OK, null, energies, landmarkRms,
                seconds, files, null);
    }

    public static ManifestRow failed(BatchItem item, String error, double seconds) {
        return new ManifestRow(item.id(), item.source(), item.outputName(), Status.FAILED,
                error != null ? error : "unknown error", Map.of(), Double.NaN, seconds, List.of(), null);
    }

    /** The same row recording the key of the inputs and settings it was made from. */
    public ManifestRow withKey(String key) {
        return new ManifestRow(input, source, output, status, error, energies, landmarkRms, seconds, files, key);
    }

    public boolean isOk() {
        return status == Status.OK;
    }

    /** Sum of the per-term energies (NaN when there are none). */
    public double totalEnergy() {
        return energies.isEmpty() ? Double.NaN : energies.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** True when the row says ok and every file it lists exists under {@code root/output}: the item is done. */
    public boolean isComplete(Path root) {
        if (!isOk() || files.isEmpty()) {
            return false;
        }
        Path dir = root.resolve(output);
        return files.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }
}
