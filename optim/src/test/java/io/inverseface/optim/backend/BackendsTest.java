package io.inverseface.optim.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.inverseface.optim.backend.opencl.OpenClBackend;
import org.junit.jupiter.api.Test;

class BackendsTest {

    @Test
    void autoReturnsAWorkingBackendAndNeverAPoclCpuDevice() {
        try (LinearAlgebraBackend backend = Backends.create(Backend.AUTO)) {
            assertThat(backend.kind()).isNotEqualTo(Backend.AUTO).isEqualTo(Backends.autoKind());
            if (backend instanceof OpenClBackend openCl) {
                assertThat(openCl.device().gpu()).as("AUTO picked a non-GPU OpenCL device").isTrue();
            }
            // J = [[1,2],[3,4],[5,6]], r = [1,1,1]: JᵀJ = [[35,44],[44,56]], Jᵀr = [9,12].
            try (DenseJacobian j = backend.upload(new double[] {1, 2, 3, 4, 5, 6}, 3, 2)) {
                double[] jtj = new double[4];
                double[] jtr = new double[2];
                backend.normalEquations(j, new double[] {1, 1, 1}, jtj, jtr);
                assertThat(jtj).containsExactly(35, 44, 44, 56);
                assertThat(jtr).containsExactly(9, 12);
            }
        }
    }

    @Test
    void autoIsCpuWhenNoCudaAndNoOpenClGpu() {
        boolean cuda = catchThrowable(() -> Backends.create(Backend.CUDA).close()) == null;
        boolean openClGpu = catchThrowable(() -> OpenClBackend.open(true).close()) == null;
        if (!cuda && !openClGpu) {
            assertThat(Backends.autoKind()).isEqualTo(Backend.CPU);
        } else {
            assertThat(Backends.autoKind()).isEqualTo(cuda ? Backend.CUDA : Backend.OPENCL);
        }
    }

    @Test
    void explicitCudaWithoutDriverThrowsTypedException() {
        Throwable thrown = catchThrowable(() -> Backends.create(Backend.CUDA).close());
        if (thrown != null) { // a machine without CUDA (like the build machine): never a raw linkage error
            assertThat(thrown).isInstanceOf(BackendUnavailableException.class);
            assertThat(((BackendUnavailableException) thrown).requested()).isEqualTo(Backend.CUDA);
            assertThat(thrown.getMessage()).startsWith("CUDA backend unavailable: ").hasSizeGreaterThan(30);
        }
    }

    @Test
    void cpuIsAlwaysAvailable() {
        try (LinearAlgebraBackend backend = Backends.create(Backend.CPU)) {
            assertThat(backend.kind()).isEqualTo(Backend.CPU);
        }
    }

    @Test
    void describeNamesEveryBackendAndTheAutoChoice() {
        String text = Backends.describe();
        assertThat(text).contains("CUDA:", "OpenCL:", "CPU:", "AUTO -> " + Backends.autoKind());
    }

    @Test
    void nullKindIsRejected() {
        assertThatThrownBy(() -> Backends.create(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
