package io.inverseface.core.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manifest format, {@code manifest.jsonl}: one JSON object per line, one line per item, e.g.
 * <pre>{@code
 * {"input":"a/b.png","source":"/data/a/b.png","output":"a_b-1f3a9c02","status":"ok","error":null,
 *  "energies":{"landmark":12.5,"photo":3.1,"prior":0.8},"landmarkRms":1.9,"seconds":4.2,
 *  "files":["mesh.obj","mesh.ply","parameters.json","overlay.png","landmarks.png","shaded.png","shaded-front.png","mask.png"],
 *  "key":"5be1…(64 hex digits, see ResultKeys)"}
 * }</pre>
 * (one line in the file). Readers skip lines that do not parse: a {@code kill -9} during an append
 * leaves at most a truncated last line.
 */
public final class Manifest {

    /** The manifest's file name in a batch's output root. */
    public static final String FILE_NAME = "manifest.jsonl";

    private static final Logger LOG = LoggerFactory.getLogger(Manifest.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Manifest() {
    }

    /** Every parseable row in file order (duplicates kept); empty when the file does not exist. */
    public static List<ManifestRow> readAll(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<ManifestRow> rows = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                rows.add(parse(line));
            } catch (IOException | RuntimeException e) {
                LOG.warn("{}: skipping unreadable line {} (an interrupted write?): {}", file, i + 1,
                        String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }
        return rows;
    }

    /** The last row of each input, in the order inputs first appear. */
    public static Map<String, ManifestRow> readLatest(Path file) throws IOException {
        Map<String, ManifestRow> latest = new LinkedHashMap<>();
        for (ManifestRow row : readAll(file)) {
            latest.put(row.input(), row);
        }
        return latest;
    }

    /**
     * Replaces {@code file} by exactly {@code rows}: written to a temporary file beside it, fsynced,
     * then renamed over it, so a crash leaves either the old manifest or the new one.
     */
    public static void writeAtomically(Path file, Collection<ManifestRow> rows) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path tmp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                for (ManifestRow row : rows) {
                    out.write(toLine(row).getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** The row as one JSON line, newline included. */
    public static String toLine(ManifestRow row) {
        ObjectNode o = JSON.createObjectNode();
        o.put("input", row.input());
        o.put("source", row.source());
        o.put("output", row.output());
        o.put("status", row.status().label());
        o.put("error", row.error());
        ObjectNode energies = o.putObject("energies");
        row.energies().forEach(energies::put);
        if (Double.isFinite(row.landmarkRms())) {
            o.put("landmarkRms", row.landmarkRms());
        } else {
            o.putNull("landmarkRms");
        }
        o.put("seconds", row.seconds());
        ArrayNode files = o.putArray("files");
        row.files().forEach(files::add);
        o.put("key", row.key());
        try {
            return JSON.writeValueAsString(o) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a manifest row: " + e.getMessage(), e);
        }
    }

    /** Parses one line written by {@link #toLine}. */
    public static ManifestRow parse(String line) throws IOException {
        JsonNode o = JSON.readTree(line);
        if (o == null || !o.isObject()) {
            throw new IOException("not a JSON object");
        }
        Map<String, Double> energies = new LinkedHashMap<>();
        o.path("energies").fields().forEachRemaining(e -> energies.put(e.getKey(), e.getValue().asDouble()));
        List<String> files = new ArrayList<>();
        o.path("files").forEach(f -> files.add(f.asText()));
        JsonNode rms = o.path("landmarkRms");
        JsonNode error = o.path("error");
        JsonNode key = o.path("key");
        return new ManifestRow(required(o, "input"), required(o, "source"), required(o, "output"),
                ManifestRow.Status.fromLabel(required(o, "status")), error.isTextual() ? error.asText() : null,
                energies, rms.isNumber() ? rms.asDouble() : Double.NaN, o.path("seconds").asDouble(Double.NaN), files,
                key.isTextual() ? key.asText() : null);
    }

    private static String required(JsonNode o, String field) throws IOException {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual()) {
            throw new IOException("missing field '" + field + "'");
        }
        return n.asText();
    }
}
