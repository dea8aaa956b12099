package io.inverseface.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * The job's output root as a qualified Hadoop URI. A local root ({@code file:}) is written through
 * {@code java.nio} directly (the core writer's temp-file-and-rename); any other file system gets each
 * file uploaded under a temporary name in the target directory and renamed onto its final name.
 */
public record OutputLocation(String rootUri) implements Serializable {

    private static final long serialVersionUID = 1L;

    public OutputLocation {
        Objects.requireNonNull(rootUri, "rootUri");
        rootUri = rootUri.endsWith("/") ? rootUri.substring(0, rootUri.length() - 1) : rootUri;
    }

    /** Qualifies {@code output} (a path or URI) against the default file system, as Spark does. */
    public static OutputLocation resolve(String output, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(output);
        return new OutputLocation(p.getFileSystem(conf).makeQualified(p).toString());
    }

    public boolean isLocal() {
        return rootUri.startsWith("file:");
    }

    /** The root as a local path; only for {@link #isLocal()}. */
    public Path localRoot() {
        return Path.of(new org.apache.hadoop.fs.Path(rootUri).toUri());
    }

    public String child(String name) {
        return rootUri + "/" + name;
    }

    public String manifestUri() {
        return child("manifest.parquet");
    }

    /**
     * Copies every regular file of {@code localDir} into {@code remoteDir}, each through a temporary name
     * and a rename, so a reader (or a retried task) never meets a half-written file under a final name.
     * HDFS's rename does not replace, so an existing target is deleted first: for a moment the file is
     * absent, never partial.
     */
    public static void upload(Path localDir, String remoteDir, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(remoteDir);
        FileSystem fs = dir.getFileSystem(conf);
        fs.mkdirs(dir);
        try (var files = Files.list(localDir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String name = f.getFileName().toString();
                org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(dir, name);
                org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(dir, "." + name + "." + UUID.randomUUID() + ".tmp");
                try (InputStream in = Files.newInputStream(f); OutputStream out = fs.create(tmp, true)) {
                    in.transferTo(out);
                }
                fs.delete(target, false);
                if (!fs.rename(tmp, target)) {
                    fs.delete(tmp, false);
                    throw new IOException("could not rename " + tmp + " to " + target);
                }
            }
        }
    }
}
