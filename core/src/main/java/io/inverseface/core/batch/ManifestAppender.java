package io.inverseface.core.batch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends rows to a manifest from many threads. Each row is written whole in one call under a lock,
 * then forced to disk, so a crash leaves every earlier row intact and at most the last one truncated
 * (which {@link Manifest#readAll} skips).
 */
public final class ManifestAppender implements AutoCloseable {

    private final FileChannel channel;

    private ManifestAppender(FileChannel channel) {
        this.channel = channel;
    }

    /** Opens (creating if missing) {@code file} for appending. */
    public static ManifestAppender open(Path file) throws IOException {
        return new ManifestAppender(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND));
    }

    /** Appends the row as one line and fsyncs it. */
    public synchronized void append(ManifestRow row) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Manifest.toLine(row).getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        // Data only: the file's size is part of its data, metadata such as mtime is not needed.
        channel.force(false);
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
