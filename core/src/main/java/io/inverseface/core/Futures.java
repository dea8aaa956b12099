package io.inverseface.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for work run beside the caller, with the work's own exception. */
public final class Futures {

    private Futures() {
    }

    /**
     * {@link CompletableFuture#join()} that throws the task's own unchecked exception or error (a typed
     * one-line error the caller already handles), not a {@link CompletionException} around it.
     */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
