package io.inverseface.render.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PfmWriterTest {

    @Test
    void headerThenLittleEndianRowsBottomToTop(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("d.pfm");
        PfmWriter.write(file, 3, 2, new float[] {1, 2, 3, 4, 5, -6.5f});
        byte[] bytes = Files.readAllBytes(file);
        String header = "Pf\n3 2\n-1.0\n";
        assertThat(new String(bytes, 0, header.length(), StandardCharsets.US_ASCII)).isEqualTo(header);
        ByteBuffer body = ByteBuffer.wrap(bytes, header.length(), bytes.length - header.length())
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] read = new float[6];
        for (int i = 0; i < read.length; i++) {
            read[i] = body.getFloat();
        }
        // The bottom row (4, 5, −6.5) comes first.
        assertThat(read).containsExactly(4, 5, -6.5f, 1, 2, 3);
        assertThat(body.hasRemaining()).isFalse();
    }

    @Test
    void theWrongNumberOfValuesIsRefusedAndNothingIsWritten(@TempDir Path dir) {
        Path file = dir.resolve("d.pfm");
        assertThatThrownBy(() -> PfmWriter.write(file, 3, 2, new float[5]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need 6 values, got 5");
        assertThat(file).doesNotExist();
    }
}
