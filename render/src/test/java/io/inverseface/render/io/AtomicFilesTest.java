package io.inverseface.render.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private long fileCount() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void writesAndReplaces() throws IOException {
        Path target = dir.resolve("a.txt");
        AtomicFiles.writeString(target, "one");
        AtomicFiles.write(target, out -> out.write("two".getBytes()));
        assertThat(Files.readString(target)).isEqualTo("two");
        assertThat(fileCount()).isEqualTo(1);
    }

    @Test
    void aWritesTemporaryFileIsKnownAsTheTargetsAndNoOtherFilesIs() throws IOException {
        Path target = dir.resolve("mesh.obj");
        Path[] seen = new Path[1];
        AtomicFiles.write(target, out -> {
            try (Stream<Path> s = Files.list(dir)) {
                seen[0] = s.findFirst().orElseThrow(); // the temporary file, while the write runs
            }
        });
        assertThat(AtomicFiles.isTemporaryOf(seen[0], target)).as(seen[0].toString()).isTrue();
        assertThat(AtomicFiles.isTemporaryOf(seen[0], dir.resolve("mesh.ply"))).isFalse();
        assertThat(AtomicFiles.isTemporaryOf(dir.resolve("sub").resolve(seen[0].getFileName()), target)).isFalse();
        assertThat(AtomicFiles.isTemporaryOf(dir.resolve(".mesh.obj.tmp"), target)).isFalse();
        assertThat(AtomicFiles.isTemporaryOf(target, target)).isFalse();
    }

    @Test
    void failedWriteLeavesNoTargetAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("b.bin");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(new byte[1000]);
            throw new IOException("boom");
        })).isInstanceOf(IOException.class).hasMessageContaining("boom");
        assertThat(target).doesNotExist();
        assertThat(fileCount()).isZero();
    }

    @Test
    void failedReplaceKeepsOldContent() throws IOException {
        Path target = dir.resolve("c.txt");
        AtomicFiles.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("partial".getBytes());
            throw new IllegalStateException("bad state");
        })).isInstanceOf(IOException.class).hasMessageContaining("bad state");
        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(fileCount()).isEqualTo(1);
    }

    @Test
    void rejectsDirectoryTarget() {
        assertThatThrownBy(() -> AtomicFiles.writeString(dir, "x")).isInstanceOf(IOException.class).hasMessageContaining("directory");
    }
}
