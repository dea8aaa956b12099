package io.inverseface.render.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * Atomic file replacement: the content is written to a temporary file in the target's directory, flushed,
 * then renamed over the target with {@link StandardCopyOption#ATOMIC_MOVE}. Readers therefore see either the
 * old file or the complete new one; if writing fails the temporary file is deleted and the target is left
 * untouched (no partial target ever exists).
 */
public final class AtomicFiles {
    private static final String TEMPORARY_SUFFIX = ".tmp";

    private AtomicFiles() { }

    /** Temporary files of {@code target} are named {@code .NAME.<random>.tmp} beside it. */
    private static String temporaryPrefix(Path target) {
        return "." + target.getFileName() + ".";
    }

    /**
     * Whether {@code file} is a temporary file of a write of {@code target} (one that a killed process
     * left behind, when no write of it is running).
     */
    public static boolean isTemporaryOf(Path file, Path target) {
        String name = file.getFileName().toString(), prefix = temporaryPrefix(target);
        return name.startsWith(prefix) && name.endsWith(TEMPORARY_SUFFIX)
                && name.length() > prefix.length() + TEMPORARY_SUFFIX.length()
                && java.util.Objects.equals(file.toAbsolutePath().getParent(), target.toAbsolutePath().getParent());
    }

    /**
     * Writes {@code target} atomically with the bytes produced by {@code body}. Missing parent directories
     * are created. The stream passed to {@code body} is buffered and must not be closed by it (closing is
     * harmless though).
     *
     * @throws IOException if the body or the rename fails (the target is then unchanged)
     */
    public static void write(Path target, IoConsumer<OutputStream> body) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(body, "body");
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null) {
            throw new IOException("target has no parent directory: " + target);
        }
        if (Files.isDirectory(absolute)) {
            throw new IOException("target is a directory: " + target);
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, temporaryPrefix(absolute), TEMPORARY_SUFFIX);
        boolean moved = false;
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                body.accept(new NonClosingOutputStream(out));
            }
            relaxTempPermissions(tmp);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } catch (RuntimeException e) {
            throw new IOException("failed writing " + target + ": " + e.getMessage(), e);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Writes a UTF-8 string atomically. */
    public static void writeString(Path target, String content) throws IOException {
        write(target, out -> out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Keeps the body from closing the underlying stream before it has been flushed by us. */
    /** createTempFile makes the file owner-only (0600); outputs should carry ordinary rw-r--r-- like any written file. */
    private static void relaxTempPermissions(Path tmp) {
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system (Windows): the default ACLs already apply.
        }
    }

    private static final class NonClosingOutputStream extends java.io.FilterOutputStream {
        NonClosingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
