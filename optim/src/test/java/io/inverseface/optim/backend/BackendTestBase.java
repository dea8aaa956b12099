package io.inverseface.optim.backend;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * A test class run against one backend, opened once for the class: every test is skipped (with the
 * reason) when {@link #openOrSkip()} finds none, and the backend is closed at the end.
 *
 * @param <B> the kind of backend the tests need
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendTestBase<B extends LinearAlgebraBackend> {

    /** The backend under test (null when skipped). */
    protected B backend;
    private String skipReason;

    /** Opens the backend or aborts by assumption. */
    protected abstract B openOrSkip();

    @BeforeAll
    void openBackend() {
        try {
            backend = openOrSkip();
        } catch (TestAbortedException e) {
            skipReason = e.getMessage();
        }
    }

    @BeforeEach
    void skipWithoutBackend() {
        Assumptions.assumeTrue(backend != null, () -> skipReason);
    }

    @AfterAll
    void closeBackend() {
        if (backend != null) {
            backend.close();
        }
    }
}
