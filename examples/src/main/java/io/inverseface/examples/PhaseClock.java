package io.inverseface.examples;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Wall-clock time of each phase of one command-line run, for the "Times:" line a user (and
 * {@code WholeProcessBenchmark}) reads to see where a whole process went: the JVM's start-up up to
 * the command, then each named phase in turn. The start-up is the JVM's uptime when the command
 * begins (VM creation, class loading, argument parsing); the launcher before it is not counted, so a
 * process's wall time is a little above the total.
 */
final class PhaseClock {

    private final Map<String, Double> phases = new LinkedHashMap<>();
    private final double startupSeconds;
    private long lastNanos;

    PhaseClock() {
        lastNanos = System.nanoTime();
        // Not ProcessHandle's start instant: Linux gives it from the boot time in whole seconds.
        startupSeconds = ManagementFactory.getRuntimeMXBean().getUptime() * 1e-3;
    }

    /** Ends the current phase under {@code name} and starts the next one. */
    void lap(String name) {
        long now = System.nanoTime();
        phases.merge(name, (now - lastNanos) * 1e-9, Double::sum);
        lastNanos = now;
    }

    /** {@code Times: start-up 0.41 s, image 0.05 s, …, total 3.90 s} (total from the process start). */
    String line() {
        double total = startupSeconds + phases.values().stream().mapToDouble(Double::doubleValue).sum();
        String parts = phases.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "Times: start-up %.2f s, %s, total %.2f s", startupSeconds, parts, total);
    }
}
