package io.inverseface.examples;

import io.inverseface.core.batch.BatchListener;
import io.inverseface.core.batch.ManifestRow;
import java.text.DecimalFormat;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A console progress bar (items done, rate per second, time left) driven by a batch's callbacks. */
final class BatchProgressBar implements BatchListener, AutoCloseable {

    private final String task;
    private final String unit;
    private volatile ProgressBar bar;

    BatchProgressBar(String task, String unit) {
        this.task = task;
        this.unit = unit;
    }

    @Override
    public void started(int toDo, int skipped) {
        // On stderr, so that stdout keeps only the summary (scripts may parse it).
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(toDo).setStyle(ProgressBarStyle.ASCII)
                .setUnit(" " + unit, 1).showSpeed(new DecimalFormat("0.00")).setSpeedUnit(ChronoUnit.SECONDS).setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    @Override
    public void finished(ManifestRow row) {
        ProgressBar b = bar;
        if (b != null) {
            b.step();
            if (!row.isOk()) {
                b.setExtraMessage(" last failure: " + abbreviate(row.input()));
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 30 ? s : "…" + s.substring(s.length() - 29);
    }

    @Override
    public void close() {
        ProgressBar b = bar;
        if (b != null) {
            b.close();
        }
    }
}
