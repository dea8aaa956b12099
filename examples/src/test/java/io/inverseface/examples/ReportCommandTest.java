package io.inverseface.examples;

import io.inverseface.render.io.ImageFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.core.batch.BatchItem;
import io.inverseface.core.batch.Manifest;
import io.inverseface.core.batch.ManifestRow;
import io.inverseface.render.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    private static final List<String> FILES = List.of("overlay.png", "shaded.png");

    /** A batch output written by hand: two ok rows with pictures, one failure whose message needs escaping. */
    private static void writeBatchOutput(Path out, Path photos) throws Exception {
        Files.createDirectories(photos);
        List<ManifestRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path photo = photos.resolve("p" + i + ".png");
            RgbImage img = new RgbImage(300, 200);
            img.fill(0.2f + 0.3f * i, 0.5f, 0.7f);
            ImageFiles.writePng(img, photo);
            BatchItem item = BatchItem.of("p" + i + ".png", photo.toString());
            for (String f : FILES) {
                ImageFiles.writePng(img, out.resolve(item.outputName()).resolve(f));
            }
            rows.add(ManifestRow.ok(item, Map.of("landmark", 10.0 * (i + 1), "photo", 1.5), 1.0 + i, 2.0 + 3 * i, FILES));
        }
        rows.add(ManifestRow.failed(BatchItem.of("bad.png", photos.resolve("bad.png").toString()),
                "bad.png: not a readable image <PNG & JPEG only>", 0.05));
        Manifest.writeAtomically(out.resolve(Manifest.FILE_NAME), rows);
    }

    @Test
    void writesASelfContainedPageWithGridFailuresSortingAndHistograms(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        writeBatchOutput(out, dir.resolve("photos"));
        CliRunner cli = new CliRunner();

        assertThat(cli.run("report", out.toString())).as(cli.err.toString()).isZero();

        Path page = out.resolve("report.html");
        assertThat(cli.out.toString()).contains("report of 3 items (1 failed)").contains("report.html");
        String html = Files.readString(page);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<table id=\"results\" class=\"sortable\">")
                .contains("data-key=\"energy\"").contains("data-key=\"time\"").contains("<script>")
                .contains("<table id=\"failures\">")
                .contains("bad.png: not a readable image &lt;PNG &amp; JPEG only&gt;")
                .doesNotContain("<PNG & JPEG only>");
        assertThat(count(html, "<tr class=\"ok\">")).isEqualTo(2);
        assertThat(count(html, "<tr class=\"failed\">")).isEqualTo(1);
        assertThat(count(html, "<svg class=\"histogram\"")).isEqualTo(2);
        assertThat(count(html, "<rect class=\"bar\"")).isPositive();
        // Nothing from the network: every src and href is relative.
        assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
        Matcher m = Pattern.compile("<img[^>]* src=\"([^\"]+)\"").matcher(html);
        int images = 0;
        while (m.find()) {
            assertThat(out.resolve(m.group(1))).isNotEmptyFile();
            images++;
        }
        assertThat(images).isEqualTo(6); // input, overlay, shaded for each of the two ok rows
        RgbImage thumb = ImageFiles.read(out.resolve(ReportThumbnails.DIRECTORY).resolve(
                BatchItem.of("p0.png", "x").outputName() + "-input.png"));
        assertThat(Math.max(thumb.width(), thumb.height())).isEqualTo(ReportThumbnails.SIZE);
    }

    @Test
    void aDirectoryWithoutManifestIsAnError(@TempDir Path dir) {
        CliRunner cli = new CliRunner();
        assertThat(cli.run("report", dir.toString())).isEqualTo(1);
        assertThat(cli.err.toString()).startsWith("inverseface: error:").contains("manifest");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
