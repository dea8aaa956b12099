package io.inverseface.benchmarks.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WholeProcessBenchmarkTest {

    @Test
    void readsEveryPhaseOfTheTimesLineInOrder() {
        String output = "Reconstructed x.jpg (10x10) in 1.00 s, backend cpu\n"
                + "Times: start-up 0.15 s, image 0.10 s, landmarks 0.04 s, model 0.43 s, fit 1.35 s, writing 0.51 s, total 2.58 s\n";
        assertThat(WholeProcessBenchmark.parseTimes(output)).containsExactly(
                java.util.Map.entry("start-up", 0.15), java.util.Map.entry("image", 0.10),
                java.util.Map.entry("landmarks", 0.04), java.util.Map.entry("model", 0.43),
                java.util.Map.entry("fit", 1.35), java.util.Map.entry("writing", 0.51),
                java.util.Map.entry("total", 2.58));
        assertThat(WholeProcessBenchmark.parseTimes("an older build prints no times")).isEmpty();
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(WholeProcessBenchmark.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(WholeProcessBenchmark.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    @Test
    void appendsTheRowAtTheEndOfTheTableBelowTheMarker(@TempDir Path dir) throws IOException {
        Path md = dir.resolve("B.md");
        Files.write(md, List.of("# B", WholeProcessBenchmark.MARKER, "| a | b |", "|---|---|", "| 1 | 2 |", "",
                "after"));
        WholeProcessBenchmark.append(md, "| 3 | 4 |");
        assertThat(Files.readAllLines(md)).containsExactly("# B", WholeProcessBenchmark.MARKER, "| a | b |",
                "|---|---|", "| 1 | 2 |", "| 3 | 4 |", "", "after");
        assertThat(dir.toFile().list()).containsExactly("B.md");
    }

    @Test
    void refusesAFileWithoutTheMarker(@TempDir Path dir) throws IOException {
        Path md = Files.writeString(dir.resolve("B.md"), "# nothing to record under\n");
        assertThatThrownBy(() -> WholeProcessBenchmark.append(md, "| x |"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("whole-process rows");
    }
}
