package io.inverseface.batch;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Expands the job's {@code --input} on the driver into {@link ImageItem}s with qualified URIs, so that
 * executors on other hosts (with other working directories) read the same files.
 * <ul>
 *   <li>a directory: every {@code .png}/{@code .jpg}/{@code .jpeg} below it, recursively, id = the path
 *       relative to the directory;</li>
 *   <li>a file: a list, one path or URI per line (blank lines and {@code #} comments skipped), id = the
 *       line; a relative path is taken relative to the list file's directory, not the working directory,
 *       which differs between driver and executors on a cluster, and a path without scheme belongs to the
 *       list file's file system. Repeated lines count once.</li>
 * </ul>
 */
public final class ImageListing {

    private ImageListing() {
    }

    public static List<ImageItem> list(String input, Configuration conf) throws IOException {
        return list(input, null, conf);
    }

    /**
     * @param output the job's output root (qualified URI) or null: images under it are left out, so an
     *               output directory inside the input directory never feeds its own PNGs back in
     */
    public static List<ImageItem> list(String input, OutputLocation output, Configuration conf) throws IOException {
        Path path = new Path(input);
        FileSystem fs = path.getFileSystem(conf);
        Path qualified = fs.makeQualified(path);
        FileStatus status;
        try {
            status = fs.getFileStatus(qualified);
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException("input not found: " + input);
        }
        if (!status.isDirectory()) {
            return readList(fs, qualified);
        }
        String exclude = output == null ? null : new Path(output.rootUri()).toUri().getPath() + "/";
        return listDirectory(fs, qualified, exclude);
    }

    /** Hidden files and directories (our own temporaries, .git) are not inputs. */
    private static boolean hidden(String relativeId) {
        for (String part : relativeId.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static List<ImageItem> listDirectory(FileSystem fs, Path dir, String exclude) throws IOException {
        String prefix = dir.toUri().getPath();
        prefix = prefix.endsWith("/") ? prefix : prefix + "/";
        List<ImageItem> items = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
        while (it.hasNext()) {
            Path file = it.next().getPath();
            String full = file.toUri().getPath();
            String id = full.startsWith(prefix) ? full.substring(prefix.length()) : full;
            if (!isImageName(file.getName()) || hidden(id) || (exclude != null && full.startsWith(exclude))) {
                continue;
            }
            items.add(ImageItem.of(id, file.toString()));
        }
        items.sort((a, b) -> a.id().compareTo(b.id()));
        return items;
    }

    private static List<ImageItem> readList(FileSystem fs, Path listFile) throws IOException {
        Map<String, ImageItem> items = new LinkedHashMap<>();
        Path base = listFile.getParent();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(listFile), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                Path p = new Path(entry);
                // A URI is kept as written (its file system is the executors' business); a path belongs to
                // the list file's file system.
                String uri = p.toUri().getScheme() != null ? p.toString()
                        : fs.makeQualified(p.isAbsolute() ? p : new Path(base, entry)).toString();
                items.putIfAbsent(entry, ImageItem.of(entry, uri));
            }
        }
        return new ArrayList<>(items.values());
    }

    static boolean isImageName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }
}
