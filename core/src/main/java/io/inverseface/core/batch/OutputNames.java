package io.inverseface.core.batch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Output directory names from item ids such as relative image paths: readable, one path segment,
 * stable across runs (resume finds the same directory) and collision-safe. Sanitising alone would
 * map {@code a/b_c.png} and {@code a_b/c.png} to the same name, so a short hash of the full id is
 * appended.
 */
public final class OutputNames {

    /** Longest readable prefix kept before the hash: file systems limit a segment to 255 bytes. */
    static final int MAX_READABLE = 80;

    private OutputNames() {
    }

    /** E.g. {@code people/anna smith.jpg} → {@code people_anna_smith-1f3a9c02}. */
    public static String forId(String id) {
        String withoutExtension = id.replaceFirst("\\.(?i:png|jpe?g)$", "");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < withoutExtension.length() && sb.length() < MAX_READABLE; i++) {
            char c = withoutExtension.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '.' || c == '_';
            sb.append(plain ? c : '_');
        }
        // A leading dot would hide the directory (and look like our temporary files).
        String readable = sb.toString().replaceAll("^[._]+", "");
        return (readable.isEmpty() ? "item" : readable) + "-" + shortHash(id);
    }

    private static String shortHash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
