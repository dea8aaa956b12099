package io.inverseface.compute;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Kernel source files on the class path, read once per JVM (sources in the common dialect, no prelude). */
public final class KernelResources {

    private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();

    private KernelResources() {
    }

    /** The UTF-8 text of the class-path resource {@code path} (absolute, e.g. {@code /io/.../x.cl}). */
    public static String read(String path) {
        return TEXTS.computeIfAbsent(path, p -> {
            try (InputStream in = KernelResources.class.getResourceAsStream(p)) {
                if (in == null) {
                    throw new IllegalStateException("kernel resource missing from the class path: " + p);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read kernel resource " + p, e);
            }
        });
    }
}
