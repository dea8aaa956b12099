package io.inverseface.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The build runs the tests with the JDK's signal-chaining library preloaded wherever the JDK has one,
 * so that PoCL's in-process LLVM cannot take the JVM's SIGSEGV handler (which crashed the OpenCL tests
 * about once in six runs without it).
 */
class SignalChainingTest {

    @Test
    void theTestJvmRunsWithTheJdksSignalChainingLibraryWhereItExists() {
        assumeTrue(Files.isRegularFile(Path.of(SignalChaining.libraryPath())), "this JDK has no lib/libjsig.so");
        assertThat(System.getenv("LD_PRELOAD")).contains(SignalChaining.libraryPath());
        assertThat(SignalChaining.active()).isTrue();
    }
}
