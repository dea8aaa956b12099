package io.inverseface.batch;

import io.inverseface.core.FaceReconstructor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link FaceReconstructor} per executor JVM (per settings): building one loads the face model and
 * precomputes its bases, far too costly per task, and a reconstructor is thread-safe, so every task slot
 * of the executor shares it. Static, so it outlives tasks; built on first use, inside the executor.
 */
public final class ExecutorReconstructors {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorReconstructors.class);
    private static final Map<ReconstructorSettings, FaceReconstructor> CACHE = new ConcurrentHashMap<>();

    private ExecutorReconstructors() {
    }

    public static FaceReconstructor get(ReconstructorSettings settings) {
        // computeIfAbsent blocks concurrent first callers for the same key: the model is loaded once.
        return CACHE.computeIfAbsent(settings, s -> {
            long t0 = System.nanoTime();
            FaceReconstructor r = s.build();
            LOG.info("reconstructor ready in {} ms (backend {}, quick {})",
                    Math.round((System.nanoTime() - t0) * 1e-6), r.backendName(), s.quick());
            return r;
        });
    }
}
