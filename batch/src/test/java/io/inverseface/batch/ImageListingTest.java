package io.inverseface.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageListingTest {

    private final Configuration conf = new Configuration();

    @Test
    void aDirectoryGivesItsImagesRecursivelyWithRelativeIds(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("x/y"));
        for (String f : List.of("b.jpg", "a.PNG", "x/y/c.jpeg", "notes.txt", "x/.overlay.png.123.tmp", ".hidden.png")) {
            Files.writeString(dir.resolve(f), "");
        }
        List<ImageItem> items = ImageListing.list(dir.toString(), conf);
        assertThat(items).extracting(ImageItem::id).containsExactly("a.PNG", "b.jpg", "x/y/c.jpeg");
        assertThat(items.get(2).uri()).isEqualTo("file:" + dir.resolve("x/y/c.jpeg"));
        assertThat(items).extracting(ImageItem::outputName).doesNotHaveDuplicates().allMatch(n -> !n.contains("/"));
    }

    @Test
    void aListResolvesRelativeLinesAgainstItsOwnDirectoryAndKeepsUris(@TempDir Path dir) throws IOException {
        Path list = Files.writeString(dir.resolve("list.txt"),
                "# comment\n  one.png  \n/abs/two.jpg\nhdfs://nn:8020/data/three.png\n\none.png\n");
        List<ImageItem> items = ImageListing.list(list.toString(), conf);
        assertThat(items).extracting(ImageItem::id).containsExactly("one.png", "/abs/two.jpg", "hdfs://nn:8020/data/three.png");
        assertThat(items).extracting(ImageItem::uri).containsExactly(
                "file:" + dir.resolve("one.png"), "file:/abs/two.jpg", "hdfs://nn:8020/data/three.png");
    }

    @Test
    void theJobsOwnOutputInsideTheInputDirectoryIsNotAnInput(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("out/a-1234"));
        Files.writeString(dir.resolve("a.png"), "");
        Files.writeString(dir.resolve("out/a-1234/overlay.png"), "");
        OutputLocation out = OutputLocation.resolve(dir.resolve("out").toString(), conf);
        assertThat(ImageListing.list(dir.toString(), out, conf)).extracting(ImageItem::id).containsExactly("a.png");
    }

    @Test
    void aMissingInputIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> ImageListing.list(dir.resolve("nope.txt").toString(), conf))
                .isInstanceOf(FileNotFoundException.class).hasMessageContaining("nope.txt");
    }
}
