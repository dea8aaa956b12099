package io.inverseface.compute.opencl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The OpenCL runtimes the Khronos ICD loader would load on Linux, read from its vendor files
 * ({@code /etc/OpenCL/vendors/*.icd}, or {@code OCL_ICD_VENDORS}) without loading any of them. Loading
 * PoCL runs LLVM inside the JVM, which displaces the JVM's signal handlers unless the JDK's chaining
 * library is preloaded ({@link io.inverseface.compute.SignalChaining}); the automatic backend
 * choice, which takes OpenCL GPUs only, uses this to leave a PoCL-only machine's OpenCL untouched.
 */
public final class OpenClVendors {

    private OpenClVendors() {
    }

    /** The library named by each vendor file, e.g. {@code libpocl.so.2}; empty off Linux or with none. */
    public static List<String> libraries() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return List.of();
        }
        String override = System.getenv("OCL_ICD_VENDORS");
        Path where = Path.of(override != null && !override.isBlank() ? override : "/etc/OpenCL/vendors");
        List<String> out = new ArrayList<>();
        try {
            if (Files.isRegularFile(where)) {
                out.add(Files.readString(where, StandardCharsets.UTF_8).trim());
            } else if (Files.isDirectory(where)) {
                try (Stream<Path> files = Files.list(where)) {
                    for (Path icd : files.filter(p -> p.getFileName().toString().endsWith(".icd")).sorted().toList()) {
                        out.add(Files.readString(icd, StandardCharsets.UTF_8).trim());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of(); // unreadable: say nothing, the probe will find out
        }
        return out;
    }

    /** True when vendor files exist and every one of them is PoCL (CPU runtimes, no GPU to offer). */
    public static boolean onlyPocl() {
        List<String> libs = libraries();
        return !libs.isEmpty() && libs.stream().allMatch(l -> l.toLowerCase(Locale.ROOT).contains("pocl"));
    }
}
