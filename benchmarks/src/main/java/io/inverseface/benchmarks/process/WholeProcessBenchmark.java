package io.inverseface.benchmarks.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user waits for: the command line run N times as whole processes on one photo, with the median
 * wall time and the median of each phase of its "Times:" line (start-up, image, landmarks, model, fit,
 * writing). One unrecorded run first builds the jar and the wrapper's class-data archive if they are
 * missing, as a user's first run would. With {@code --record FILE} the median row is appended to the
 * table under {@code <!-- whole-process rows -->} in that file (BENCHMARKS.md).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.inverseface.benchmarks.process.WholeProcessBenchmark \
 *     [--runs 5] [--record BENCHMARKS.md] [--label TEXT] -- ./inverseface reconstruct photo.jpg --landmarks photo.pts --no-detail</pre>
 * Each run gets its own {@code -o} folder under a temporary directory.
 */
public final class WholeProcessBenchmark {

    static final String MARKER = "<!-- whole-process rows -->";
    private static final Pattern TIMES = Pattern.compile("^Times: (.*)$", Pattern.MULTILINE);
    private static final Pattern PHASE = Pattern.compile("([a-z-]+) ([0-9.]+|NaN) s");

    private WholeProcessBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int runs = 5;
        Path record = null;
        String label = null;
        int i = 0;
        for (; i < args.length && !args[i].equals("--"); i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--record" -> record = Path.of(args[++i]);
                case "--label" -> label = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (the command follows --)");
            }
        }
        List<String> command = List.of(args).subList(Math.min(i + 1, args.length), args.length);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command: give it after --, e.g. -- ./inverseface reconstruct photo.jpg");
        }
        Path scratch = Files.createTempDirectory("whole-process");
        run(command, scratch.resolve("first"));
        List<double[]> walls = new ArrayList<>();
        Map<String, List<Double>> phases = new LinkedHashMap<>();
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            String out = run(command, scratch.resolve("run" + r));
            double wall = (System.nanoTime() - t0) * 1e-9;
            walls.add(new double[] {wall});
            Map<String, Double> times = parseTimes(out);
            times.forEach((k, v) -> phases.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            System.out.printf(Locale.ROOT, "run %d: %.2f s wall  %s%n", r + 1, wall, times);
        }
        double medianWall = median(walls.stream().mapToDouble(w -> w[0]).toArray());
        StringBuilder split = new StringBuilder();
        for (Map.Entry<String, List<Double>> e : phases.entrySet()) {
            if (!e.getKey().equals("total")) {
                split.append(String.format(Locale.ROOT, "%s%s %.2f", split.length() > 0 ? ", " : "", e.getKey(),
                        median(e.getValue().stream().mapToDouble(Double::doubleValue).toArray())));
            }
        }
        String commandText = String.join(" ", command);
        System.out.printf(Locale.ROOT, "median of %d: %.2f s wall; per phase (s, medians): %s%n", runs, medianWall, split);
        if (record != null) {
            String row = String.format(Locale.ROOT, "| %s | %s | `%s` | %d | **%.2f s** | %s |", LocalDate.now(),
                    label != null ? label : "", commandText, runs, medianWall, split);
            append(record, row);
            System.out.println("recorded in " + record + ": " + row);
        }
    }

    private static String run(List<String> command, Path output) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(command);
        full.addAll(Arrays.asList("-o", output.toString()));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IllegalStateException("command exited " + rc + ": " + String.join(" ", full) + "\n" + out);
        }
        return out;
    }

    /** The phases of the CLI's {@code Times: start-up 0.41 s, image 0.05 s, …} line, in order; empty without one. */
    static Map<String, Double> parseTimes(String output) {
        Matcher m = TIMES.matcher(output);
        Map<String, Double> times = new LinkedHashMap<>();
        if (!m.find()) {
            return times; // an older build, or another command: the wall time alone
        }
        Matcher phase = PHASE.matcher(m.group(1));
        while (phase.find()) {
            times.put(phase.group(1), Double.parseDouble(phase.group(2)));
        }
        return times;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    /** Inserts {@code row} at the end of the table that follows the marker line. */
    static void append(Path file, String row) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        int at = lines.indexOf(MARKER);
        if (at < 0) {
            throw new IllegalStateException(file + " has no " + MARKER + " line to record under");
        }
        int end = at + 1;
        while (end < lines.size() && lines.get(end).startsWith("|")) {
            end++;
        }
        lines.add(end, row);
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
