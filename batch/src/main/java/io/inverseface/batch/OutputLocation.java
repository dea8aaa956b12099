package io.inverseface.batch;

import java.io.IOException;
import java.io.Serializable;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;

/**
 * The job's output root as a qualified Hadoop URI ({@code file:}, {@code hdfs:}, {@code s3a:}...): every
 * image folder and the manifest lie under it, written through Hadoop's FileSystem API
 * ({@link ImageOutputFolder}).
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

    public String child(String name) {
        return rootUri + "/" + name;
    }

    public String manifestUri() {
        return child("manifest.parquet");
    }
}
