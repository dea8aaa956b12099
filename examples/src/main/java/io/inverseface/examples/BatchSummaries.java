package io.inverseface.examples;

import io.inverseface.core.batch.BatchSummary;
import io.inverseface.core.batch.Manifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** The closing lines of {@code batch} and {@code synth}. */
final class BatchSummaries {

    private BatchSummaries() {
    }

    static void print(PrintWriter out, String noun, BatchSummary s, Path output) {
        out.printf(Locale.ROOT, "%d %s: %d already done, %s%d ok, %d failed in %.1f s (%.2f %s/s)%n", s.total(), noun,
                s.skipped(), s.failedBefore() > 0 ? s.failedBefore() + " failed before (unchanged), " : "", s.ok(),
                s.failed(), s.seconds(), s.processed() > 0 ? s.itemsPerSecond() : 0.0, noun);
        out.printf("manifest: %s%n", output.resolve(Manifest.FILE_NAME).toAbsolutePath().normalize());
        if (s.failed() > 0) {
            out.printf("%d failed; their rows in the manifest say why (--retry-failed runs them again)%n", s.failed());
        }
        out.flush();
    }
}
