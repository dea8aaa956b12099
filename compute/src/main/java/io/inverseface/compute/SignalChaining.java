package io.inverseface.compute;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the JDK's signal-chaining library ({@code libjsig}) is loaded into this process. A device
 * runtime that compiles kernels with LLVM inside the JVM (PoCL does) installs LLVM's own SIGSEGV handler
 * over the JVM's; the JVM raises SIGSEGV on purpose (safepoint polls, implicit null checks), so the
 * process can then die with "Segmentation fault" and no hs_err file. With
 * {@code LD_PRELOAD=$JAVA_HOME/lib/libjsig.so} the JVM's handlers stay first and the native ones are
 * chained behind them. The Maven build sets it for the tests and {@code ./inverseface} for the CLI;
 * elsewhere the OpenCL device logs this once.
 */
public final class SignalChaining {

    private static final Logger LOG = LoggerFactory.getLogger(SignalChaining.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private SignalChaining() {
    }

    /** True off Linux (the problem and the remedy are Linux's) and on Linux when libjsig is preloaded. */
    public static boolean active() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return true;
        }
        String preload = System.getenv("LD_PRELOAD");
        return preload != null && preload.contains("libjsig");
    }

    /** The JDK's chaining library, for the message: {@code $JAVA_HOME/lib/libjsig.so}. */
    public static String libraryPath() {
        return System.getProperty("java.home") + "/lib/libjsig.so";
    }

    /** Logs once per process, when {@code runtime} compiles in-process and chaining is off. */
    public static void warnIfInactive(String runtime) {
        if (!active() && WARNED.compareAndSet(false, true)) {
            LOG.warn("{} compiles kernels with LLVM inside the JVM, which can replace the JVM's signal handlers and "
                    + "crash it; start Java with LD_PRELOAD={} (./inverseface does)", runtime, libraryPath());
        }
    }
}
