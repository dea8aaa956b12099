package io.inverseface.batch;

import io.inverseface.core.batch.Manifest;
import io.inverseface.core.batch.ManifestRow;
import io.inverseface.core.output.WrittenFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One image's output folder on a Hadoop file system (HDFS, S3, the local disk in tests), written only
 * through Hadoop's {@link FileSystem} API. Its {@value #DONE_FILE} is the folder's own manifest row
 * (the core manifest's JSON line: files, energies, resume key) and is written last: a folder is done
 * when that file exists, its key is the current one and every file it lists exists.
 *
 * <p>Publishing a new result: the old {@value #DONE_FILE} is removed first (from then on the folder is
 * not done), temporaries of killed attempts are removed, each file is uploaded under a hidden temporary
 * name and renamed onto its final name, files of an earlier run that this one did not write are removed
 * (a coarse-only run after a detail run), and {@value #DONE_FILE} comes last, also by rename. A task
 * killed at any point leaves a folder that is not done, which its retry (or the next run) redoes.
 */
final class ImageOutputFolder {

    private static final Logger LOG = LoggerFactory.getLogger(ImageOutputFolder.class);

    /** The folder's manifest row; present only when every file it lists is in place. */
    static final String DONE_FILE = "done.json";

    private final FileSystem fs;
    private final Path dir;

    private ImageOutputFolder(FileSystem fs, Path dir) {
        this.fs = fs;
        this.dir = dir;
    }

    /** @param uri qualified URI of the folder ({@link OutputLocation#child}) */
    static ImageOutputFolder at(String uri, Configuration conf) throws IOException {
        Path dir = new Path(uri);
        FileSystem fs = dir.getFileSystem(conf);
        // The local file system's checksummed wrapper would add a hidden .NAME.crc beside every file.
        if (fs instanceof LocalFileSystem local) {
            fs = local.getRaw();
        }
        return new ImageOutputFolder(fs, dir);
    }

    /** The folder's row when it is done: {@value #DONE_FILE} readable and every file it lists present. */
    Optional<ManifestRow> done() throws IOException {
        ManifestRow row;
        try (InputStream in = fs.open(new Path(dir, DONE_FILE))) {
            row = Manifest.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: unreadable {} ({}); redoing the image", dir, DONE_FILE, ImageReconstructionTask.describe(e));
            return Optional.empty();
        }
        if (!row.isOk() || row.files().isEmpty()) {
            return Optional.empty();
        }
        for (String f : row.files()) {
            if (!fs.isFile(new Path(dir, f))) {
                return Optional.empty();
            }
        }
        return Optional.of(row);
    }

    /** The folder is no longer done (its photo now fails): later runs must not take its files for a result. */
    void retract() throws IOException {
        fs.delete(new Path(dir, DONE_FILE), false);
    }

    /**
     * Replaces the folder's content by the files of {@code staging} (a local directory) and records
     * {@code row} as its {@value #DONE_FILE}.
     */
    void publish(java.nio.file.Path staging, ManifestRow row) throws IOException {
        fs.mkdirs(dir);
        retract();
        removeTemporaries();
        Set<String> written = new HashSet<>();
        try (var files = Files.list(staging)) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String name = f.getFileName().toString();
                try (InputStream in = Files.newInputStream(f)) {
                    put(name, in);
                }
                written.add(name);
            }
        }
        for (String name : WrittenFiles.possibleNames()) {
            if (!written.contains(name) && fs.delete(new Path(dir, name), false)) {
                LOG.debug("{}: removed {} of an earlier run", dir, name);
            }
        }
        put(DONE_FILE, new java.io.ByteArrayInputStream(Manifest.toLine(row).getBytes(StandardCharsets.UTF_8)));
    }

    /** Temporaries a killed attempt left here ({@code .NAME.<uuid>.tmp}). */
    void removeTemporaries() throws IOException {
        FileStatus[] listing;
        try {
            listing = fs.listStatus(dir);
        } catch (FileNotFoundException e) {
            return;
        }
        for (FileStatus s : listing) {
            if (isTemporary(s.getPath().getName()) && fs.delete(s.getPath(), false)) {
                LOG.info("{}: removed {} left by an earlier attempt", dir, s.getPath().getName());
            }
        }
    }

    static boolean isTemporary(String name) {
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    /**
     * Writes one file under a temporary name and renames it onto {@code name}. HDFS's rename does not
     * replace, so an existing target is deleted first: for a moment the file is absent, never partial.
     */
    private void put(String name, InputStream content) throws IOException {
        Path target = new Path(dir, name);
        Path tmp = new Path(dir, "." + name + "." + UUID.randomUUID() + ".tmp");
        boolean renamed = false;
        try {
            try (OutputStream out = fs.create(tmp, true)) {
                content.transferTo(out);
            }
            fs.delete(target, false);
            if (!fs.rename(tmp, target)) {
                throw new IOException("could not rename " + tmp + " to " + target);
            }
            renamed = true;
        } finally {
            if (!renamed) {
                fs.delete(tmp, false);
            }
        }
    }

    /** The names in the folder, for tests. */
    List<String> names() throws IOException {
        return java.util.Arrays.stream(fs.listStatus(dir)).map(s -> s.getPath().getName()).sorted().toList();
    }
}
