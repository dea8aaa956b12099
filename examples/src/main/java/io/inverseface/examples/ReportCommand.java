package io.inverseface.examples;

import io.inverseface.core.batch.Manifest;
import io.inverseface.core.batch.ManifestRow;
import io.inverseface.render.io.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code inverseface report}: a static HTML page over a batch (or synth) output directory: thumbnails,
 * sortable energies and times, failures with their messages, histograms.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write OUTPUT_DIR/report.html for a batch or synth output directory: a grid of input / overlay / "
                + "shaded thumbnails sortable by energy or time, the failures with their messages, and histograms "
                + "of time and energy (inline SVG).",
                "The page is self-contained: thumbnails go to OUTPUT_DIR/" + ReportThumbnails.DIRECTORY
                        + "/, nothing is loaded from the network."})
final class ReportCommand implements Callable<Integer> {

    /** The page's file name in the output directory. */
    static final String PAGE = "report.html";

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUTPUT_DIR", description = "Output directory of 'inverseface batch' or 'synth'.")
    private Path directory;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    private boolean verbose;

    @Override
    public Integer call() throws Exception {
        Path manifest = directory.resolve(Manifest.FILE_NAME);
        if (!Files.isRegularFile(manifest)) {
            throw new NoSuchFileException(manifest.toString(), null, "no manifest (is this a batch output directory?)");
        }
        List<ManifestRow> rows = List.copyOf(Manifest.readLatest(manifest).values());
        List<ReportEntry> entries = rows.parallelStream().map(r -> {
            Map<ReportThumbnails.Column, String> thumbs = new EnumMap<>(ReportThumbnails.Column.class);
            if (r.isOk()) {
                for (ReportThumbnails.Column c : ReportThumbnails.Column.values()) {
                    ReportThumbnails.write(directory, r, c).ifPresent(p -> thumbs.put(c, p));
                }
            }
            return new ReportEntry(r, thumbs);
        }).toList();
        String title = "inverseface report: " + directory.toAbsolutePath().normalize().getFileName();
        Path page = directory.resolve(PAGE);
        AtomicFiles.writeString(page, HtmlReport.render(title, entries));
        long failed = rows.stream().filter(r -> !r.isOk()).count();
        spec.commandLine().getOut().printf("report of %d items (%d failed): %s%n", rows.size(), failed,
                page.toAbsolutePath().normalize());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
