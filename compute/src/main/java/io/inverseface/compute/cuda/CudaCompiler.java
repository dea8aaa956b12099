package io.inverseface.compute.cuda;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jcuda.nvrtc.JNvrtc;
import jcuda.nvrtc.nvrtcProgram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CUDA C (our kernels behind the CUDA prelude) to PTX, which the driver loads and JIT-compiles for the
 * device. NVRTC through JCuda first; where JCuda's NVRTC binding cannot load ({@code libnvrtc.so.12}
 * missing, e.g. on a CUDA 13 machine) the toolkit's {@code nvcc --ptx} is run instead
 * ({@code INVERSEFACE_NVCC}, then {@code nvcc} on the PATH, then {@code /usr/local/cuda/bin/nvcc}).
 * The driver API itself needs only {@code libcuda.so.1}.
 */
public final class CudaCompiler {

    private static final Logger LOG = LoggerFactory.getLogger(CudaCompiler.class);
    private static final long NVCC_TIMEOUT_SECONDS = 120;
    /**
     * Why NVRTC's binding failed to load, or null. JVM-wide on purpose: a native library that failed to load
     * stays unloaded for the JVM (later attempts report only "Could not initialize class"), so the first,
     * informative reason is kept and NVRTC is not retried per device.
     */
    private static volatile String nvrtcFailure;

    private CudaCompiler() {
    }

    /** PTX for compute capability {@code major.minor}; throws IllegalStateException with the compiler's log. */
    public static String ptx(String source, String fileName, int major, int minor) {
        if (nvrtcFailure == null) {
            try {
                return nvrtc(source, fileName, major, minor);
            } catch (LinkageError e) {
                nvrtcFailure = e.toString();
                LOG.info("NVRTC unavailable ({}); compiling CUDA kernels with nvcc", CudaErrors.conciseReason(e));
            }
        }
        return nvcc(source, fileName, major, minor);
    }

    private static String nvrtc(String source, String fileName, int major, int minor) {
        JNvrtc.setExceptionsEnabled(true);
        nvrtcProgram program = new nvrtcProgram();
        JNvrtc.nvrtcCreateProgram(program, source, fileName, 0, null, null);
        try {
            String[] options = {"--gpu-architecture=compute_" + major + minor};
            try {
                JNvrtc.nvrtcCompileProgram(program, options.length, options);
            } catch (RuntimeException e) {
                String[] log = new String[1];
                JNvrtc.nvrtcGetProgramLog(program, log);
                throw new IllegalStateException("NVRTC compile failed: " + e.getMessage() + "\n" + log[0], e);
            }
            String[] out = new String[1];
            JNvrtc.nvrtcGetPTX(program, out);
            return out[0];
        } finally {
            JNvrtc.nvrtcDestroyProgram(program);
        }
    }

    /** Compiles with the toolkit's nvcc in a temporary directory (removed afterwards); IllegalStateException with its log on failure. */
    public static String nvcc(String source, String fileName, int major, int minor) {
        String nvcc = findNvcc();
        if (nvcc == null) {
            throw new IllegalStateException("cannot compile CUDA kernels: NVRTC is unavailable (" + nvrtcFailure
                    + ") and no nvcc was found (set INVERSEFACE_NVCC or put nvcc on the PATH)");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("inverseface-nvcc");
            String base = fileName.replaceAll("[^A-Za-z0-9_.-]", "_").replaceAll("\\.cu$", "");
            Path in = dir.resolve(base + ".cu");
            Path out = dir.resolve(base + ".ptx");
            Files.writeString(in, source, StandardCharsets.UTF_8);
            Path log = dir.resolve("nvcc.log");
            List<String> command = new ArrayList<>(List.of(nvcc, "--ptx", "-arch=compute_" + major + minor,
                    "-o", out.toString(), in.toString()));
            // Output to a file, so that waitFor's timeout holds even if nvcc hangs while writing.
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(NVCC_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("nvcc did not finish in " + NVCC_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0 || !Files.exists(out)) {
                throw new IllegalStateException("nvcc failed (exit " + p.exitValue() + "): "
                        + Files.readString(log, StandardCharsets.UTF_8).trim());
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run nvcc: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling CUDA kernels", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** The nvcc to use, or null. */
    public static String findNvcc() {
        String env = System.getenv("INVERSEFACE_NVCC");
        if (env != null && !env.isBlank() && new File(env).canExecute()) {
            return env;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                File f = new File(d, "nvcc");
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        File f = new File("/usr/local/cuda/bin/nvcc");
        return f.canExecute() ? f.getPath() : null;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
