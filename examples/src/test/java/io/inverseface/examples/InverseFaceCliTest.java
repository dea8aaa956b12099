package io.inverseface.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InverseFaceCliTest {

    @Test
    void runningOutOfMemoryIsOneLineNotAStackTrace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = InverseFaceCli.guarded(() -> {
            throw new OutOfMemoryError("Java heap space");
        }, err);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(1);
        assertThat(printed.lines()).hasSize(1);
        assertThat(printed).startsWith("inverseface: error: out of memory").contains("-Xmx");
    }

    @Test
    void aNormalRunPassesItsExitCodeThrough() {
        assertThat(InverseFaceCli.guarded(() -> 3, System.err)).isEqualTo(3);
    }
}
