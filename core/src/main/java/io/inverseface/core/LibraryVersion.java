package io.inverseface.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * This library's version, as the build wrote it into {@code io/inverseface/core/version.properties}.
 * Read from a resource rather than the jar manifest so that class directories (tests, IDE runs, Spark
 * executors on the test class path) know it too.
 */
public final class LibraryVersion {

    private static final String RESOURCE = "version.properties";
    private static final String VERSION = read();

    private LibraryVersion() {
    }

    /** E.g. {@code 0.1.0-SNAPSHOT}. */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = LibraryVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the build left out io/inverseface/core/" + RESOURCE);
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").strip();
            if (v.isEmpty() || v.startsWith("${")) {
                throw new IllegalStateException("io/inverseface/core/" + RESOURCE + " was not filtered by the build: " + v);
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
