package io.inverseface.optim.backend;

import io.inverseface.compute.SignalChaining;
import io.inverseface.compute.opencl.OpenClDevice;
import io.inverseface.compute.opencl.OpenClVendors;
import io.inverseface.optim.backend.cpu.CpuBackend;
import io.inverseface.optim.backend.cuda.CudaBackend;
import io.inverseface.optim.backend.opencl.OpenClBackend;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates {@link LinearAlgebraBackend}s by {@link Backend} kind.
 *
 * <p>{@link Backend#AUTO} probes once per JVM: CUDA first, then OpenCL <em>GPU</em> devices (never a
 * CPU OpenCL device such as PoCL, which is slower than {@link CpuBackend}); any {@code Throwable}
 * from a probe (e.g. {@code UnsatisfiedLinkError} for {@code libcuda.so.1}, {@code CLException}
 * without a platform) counts as "not available". The answer is cached, and a CPU fallback is
 * logged once at info level with the reasons. No JCuda class is initialised unless CUDA is
 * requested or probed.
 */
public final class Backends {

    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

    private static final Object LOCK = new Object();
    private static Backend autoChoice;
    private static String autoReason;
    private static String cudaLinkFailure;

    private Backends() {
    }

    /**
     * A new backend of the given kind; the caller closes it.
     *
     * @throws BackendUnavailableException when CUDA or OpenCL is requested explicitly and cannot be
     *                                     provided (never for AUTO or CPU)
     */
    public static LinearAlgebraBackend create(Backend kind) {
        if (kind == null) {
            throw new IllegalArgumentException("backend kind must not be null");
        }
        switch (kind) {
            case CPU:
                return new CpuBackend();
            case OPENCL:
                return OpenClBackend.open(false);
            case CUDA:
                return openCuda();
            case AUTO:
            default:
                return createAuto();
        }
    }

    /** The kind AUTO resolves to on this machine (probing on first use). */
    public static Backend autoKind() {
        LinearAlgebraBackend probe = null;
        synchronized (LOCK) {
            if (autoChoice == null) {
                probe = probeAuto();
            }
        }
        if (probe != null) {
            probe.close();
        }
        synchronized (LOCK) {
            return autoChoice;
        }
    }

    /**
     * Multi-line human-readable summary of what was found (for the CLI): CUDA, every OpenCL
     * device, the CPU, and what AUTO picks. Never throws.
     */
    public static String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("CUDA:   ");
        try (LinearAlgebraBackend cuda = openCuda()) {
            sb.append("available, ").append(cuda.name());
        } catch (Throwable t) {
            sb.append("unavailable (").append(reason(t)).append(')');
        }
        sb.append('\n').append("OpenCL: ");
        try {
            List<OpenClDevice> devices = OpenClDevice.discover();
            if (devices.isEmpty()) {
                sb.append("no devices");
            }
            for (OpenClDevice d : devices) {
                sb.append("\n  - ").append(d.describe()).append(d.gpu() ? "" : " [explicit OPENCL only]");
            }
        } catch (Throwable t) {
            sb.append("unavailable (").append(reason(t)).append(')');
        }
        sb.append('\n').append("CPU:    ").append(Runtime.getRuntime().availableProcessors()).append(" threads");
        Backend auto = autoKind();
        sb.append('\n').append("AUTO -> ").append(auto);
        synchronized (LOCK) {
            if (autoReason != null) {
                sb.append(" (").append(autoReason).append(')');
            }
        }
        return sb.toString();
    }

    private static LinearAlgebraBackend createAuto() {
        Backend choice;
        synchronized (LOCK) {
            if (autoChoice == null) {
                // The probe's backend is handed out rather than thrown away.
                return probeAuto();
            }
            choice = autoChoice;
        }
        try {
            return create(choice);
        } catch (Throwable t) { // worked at probe time; do not fail AUTO now
            LOG.info("AUTO backend {} failed to open again ({}), using CPU", choice, reason(t));
            return new CpuBackend();
        }
    }

    /** Must hold LOCK. Sets autoChoice and returns an open backend of that kind. */
    private static LinearAlgebraBackend probeAuto() {
        String cudaWhy;
        try {
            LinearAlgebraBackend cuda = openCuda();
            autoChoice = Backend.CUDA;
            LOG.info("AUTO backend: {}", cuda.name());
            return cuda;
        } catch (Throwable t) {
            cudaWhy = reason(t);
        }
        String openClWhy;
        try {
            if (OpenClVendors.onlyPocl() && !SignalChaining.active()) {
                // PoCL has only CPU devices, which AUTO never takes, and loading it without signal chaining
                // hands the JVM's SIGSEGV to LLVM: a random crash later in the run.
                throw new BackendUnavailableException(Backend.OPENCL, "only PoCL (CPU devices) installed, not loaded: "
                        + "AUTO takes OpenCL GPUs only");
            }
            LinearAlgebraBackend openCl = OpenClBackend.open(true);
            autoChoice = Backend.OPENCL;
            LOG.info("AUTO backend: {} (CUDA: {})", openCl.name(), cudaWhy);
            return openCl;
        } catch (Throwable t) {
            openClWhy = reason(t);
        }
        autoChoice = Backend.CPU;
        autoReason = "CUDA: " + cudaWhy + "; OpenCL: " + openClWhy;
        LOG.info("AUTO backend: CPU ({})", autoReason);
        return new CpuBackend();
    }

    /** Opens CUDA; every failure, including linkage errors, becomes a BackendUnavailableException. */
    private static LinearAlgebraBackend openCuda() {
        synchronized (LOCK) {
            if (cudaLinkFailure != null) {
                // A failed native load is final for this JVM (later attempts only report
                // "Could not initialize class"); repeat the first, informative reason.
                throw new BackendUnavailableException(Backend.CUDA, cudaLinkFailure);
            }
        }
        try {
            return CudaBackend.open();
        } catch (BackendUnavailableException e) {
            if (e.getCause() instanceof LinkageError) {
                synchronized (LOCK) {
                    cudaLinkFailure = reason(e);
                }
            }
            throw e;
        } catch (Throwable t) {
            throw new BackendUnavailableException(Backend.CUDA, reason(t), t);
        }
    }

    private static String reason(Throwable t) {
        String message = t.getMessage();
        if (t instanceof BackendUnavailableException && message != null) {
            int colon = message.indexOf(": ");
            return colon >= 0 ? message.substring(colon + 2) : message;
        }
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
