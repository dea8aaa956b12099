package io.inverseface.compute.cuda;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Short reasons for JCuda's failures, for logs and "unavailable" messages. */
public final class CudaErrors {

    private static final Pattern MISSING_LIBRARY =
            Pattern.compile("(lib[\\w.+-]+\\.so[\\w.]*): cannot open shared object file");

    private CudaErrors() {
    }

    /**
     * One line: JCuda's linkage errors carry pages of nested stack traces, but the useful part is which
     * shared library could not be opened (e.g. {@code libcuda.so.1}: no driver).
     */
    public static String conciseReason(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage();
        Matcher missing = MISSING_LIBRARY.matcher(message);
        if (missing.find()) {
            return missing.group(1) + " not found (" + t.getClass().getSimpleName()
                    + (missing.group(1).startsWith("libcuda.") ? "; no NVIDIA driver" : "; CUDA toolkit library missing") + ")";
        }
        int newline = message.indexOf('\n');
        String first = newline >= 0 ? message.substring(0, newline) : message;
        if (first.length() > 200) {
            first = first.substring(0, 200) + "…";
        }
        return t.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
    }
}
