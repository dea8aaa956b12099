package io.inverseface.optim.backend.opencl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inverseface.optim.backend.BackendTestBase;
import io.inverseface.optim.backend.DenseJacobian;
import io.inverseface.optim.backend.LinearAlgebraBackend;
import io.inverseface.optim.backend.cpu.CpuBackend;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Agreement of a device backend (OpenCL, CUDA) with {@link CpuBackend} on the same inputs, plus the
 * lifecycle rules of {@link LinearAlgebraBackend}. Subclasses open the backend (or skip by an
 * assumption when the machine has none).
 */
public abstract class DeviceBackendContract extends BackendTestBase<LinearAlgebraBackend> {

    private static final double FLOAT_TOLERANCE = 1e-3;
    private static final double DOUBLE_TOLERANCE = 1e-10;

    private CpuBackend cpu;

    /** Whether double-precision Jacobians are supported by the opened backend. */
    protected abstract boolean supportsDouble();

    @BeforeAll
    void openCpu() {
        cpu = new CpuBackend(1);
    }

    @AfterAll
    void closeCpu() {
        if (cpu != null) {
            cpu.close();
        }
    }

    /** Shapes that are not multiples of the 16×16 tile, n = 1, m < n, and enough rows to be sliced. */
    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(1, 1), Arguments.of(37, 1), Arguments.of(5, 9), Arguments.of(16, 16),
                Arguments.of(123, 17), Arguments.of(1000, 33), Arguments.of(5003, 70));
    }

    @ParameterizedTest(name = "float {0}x{1}")
    @MethodSource("shapes")
    void floatNormalEquationsAndProductsMatchCpu(int m, int n) {
        check(m, n, true);
    }

    @ParameterizedTest(name = "double {0}x{1}")
    @MethodSource("shapes")
    void doubleNormalEquationsAndProductsMatchCpu(int m, int n) {
        Assumptions.assumeTrue(supportsDouble(), "device has no double precision");
        check(m, n, false);
    }

    private void check(int m, int n, boolean single) {
        Random random = new Random(31L * m + n);
        double[] jd = randomVector(random, m * n);
        float[] jf = new float[jd.length];
        for (int i = 0; i < jd.length; i++) {
            jf[i] = (float) jd[i];
            jd[i] = single ? jf[i] : jd[i]; // same values on both sides
        }
        double[] r = randomVector(random, m);
        double[] v = randomVector(random, n);
        double tolerance = single ? FLOAT_TOLERANCE : DOUBLE_TOLERANCE;

        try (DenseJacobian onDevice = single ? backend.upload(jf, m, n) : backend.upload(jd, m, n);
             DenseJacobian onCpu = cpu.upload(jd, m, n)) {
            assertThat(onDevice.rows()).isEqualTo(m);
            assertThat(onDevice.cols()).isEqualTo(n);
            assertThat(onDevice.singlePrecision()).isEqualTo(single);

            double[] jtj = new double[n * n];
            double[] jtr = new double[n];
            double[] expectedJtj = new double[n * n];
            double[] expectedJtr = new double[n];
            backend.normalEquations(onDevice, r, jtj, jtr);
            cpu.normalEquations(onCpu, r, expectedJtj, expectedJtr);
            assertClose("JᵀJ", jtj, expectedJtj, tolerance);
            assertClose("Jᵀr", jtr, expectedJtr, tolerance);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < i; k++) {
                    assertThat(jtj[i * n + k]).as("JᵀJ symmetric at (%d,%d)", i, k).isEqualTo(jtj[k * n + i]);
                }
            }

            double[] jv = new double[m];
            double[] expectedJv = new double[m];
            backend.multiply(onDevice, v, jv);
            cpu.multiply(onCpu, v, expectedJv);
            assertClose("J·v", jv, expectedJv, tolerance);

            double[] jtu = new double[n];
            double[] expectedJtu = new double[n];
            backend.multiplyTransposed(onDevice, r, jtu);
            cpu.multiplyTransposed(onCpu, r, expectedJtu);
            assertClose("Jᵀu", jtu, expectedJtu, tolerance);
        }
    }

    @Test
    void repeatedCallsReuseScratchBuffersCorrectly() {
        // A big call then a small one: the grown scratch buffers must not leak stale values.
        Random random = new Random(7);
        for (int[] shape : new int[][] {{800, 40}, {20, 3}, {800, 40}}) {
            int m = shape[0];
            int n = shape[1];
            float[] jf = new float[m * n];
            double[] jd = new double[m * n];
            for (int i = 0; i < jf.length; i++) {
                jf[i] = (float) (random.nextDouble() * 2 - 1);
                jd[i] = jf[i];
            }
            double[] r = randomVector(random, m);
            try (DenseJacobian a = backend.upload(jf, m, n); DenseJacobian b = cpu.upload(jd, m, n)) {
                double[] jtj = new double[n * n];
                double[] jtr = new double[n];
                double[] ejtj = new double[n * n];
                double[] ejtr = new double[n];
                backend.normalEquations(a, r, jtj, jtr);
                cpu.normalEquations(b, r, ejtj, ejtr);
                assertClose("JᵀJ", jtj, ejtj, FLOAT_TOLERANCE);
                assertClose("Jᵀr", jtr, ejtr, FLOAT_TOLERANCE);
            }
        }
    }

    @Test
    void solvesSymmetricPositiveDefiniteSystem() {
        int n = 23;
        Random random = new Random(3);
        double[] b0 = randomVector(random, 40 * n);
        double[] a = new double[n * n];
        // A = BᵀB + I is SPD.
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? 1 : 0;
                for (int k = 0; k < 40; k++) {
                    s += b0[k * n + i] * b0[k * n + j];
                }
                a[i * n + j] = s;
            }
        }
        double[] xTrue = randomVector(random, n);
        double[] rhs = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                rhs[i] += a[i * n + j] * xTrue[j];
            }
        }
        double[] x = new double[n];
        assertThat(backend.solveSymmetricPositiveDefinite(a.clone(), n, rhs.clone(), x)).isTrue();
        assertClose("x", x, xTrue, 1e-9);
    }

    @Test
    void nonPositiveDefiniteMatrixReturnsFalseAndLeavesXUntouched() {
        double[] a = {1, 2, 2, 1}; // eigenvalues 3 and −1
        double[] x = {42, 43};
        assertThat(backend.solveSymmetricPositiveDefinite(a, 2, new double[] {1, 1}, x)).isFalse();
        assertThat(x).containsExactly(42, 43);
    }

    @Test
    void closeIsIdempotentAndClosedJacobianIsRejected() {
        DenseJacobian j = backend.upload(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        j.close();
        j.close();
        assertThatThrownBy(() -> backend.multiply(j, new double[2], new double[3]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void closingTheBackendFreesItsJacobiansAndIsIdempotent() {
        LinearAlgebraBackend second = openOrSkip();
        DenseJacobian j = second.upload(new float[] {1, 2, 3, 4}, 2, 2);
        second.close();
        second.close();
        j.close(); // already freed by the backend: still a no-op
        assertThatThrownBy(() -> second.upload(new float[] {1}, 1, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsBadShapesAndForeignJacobians() {
        assertThatThrownBy(() -> backend.upload(new float[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected rows·cols");
        assertThatThrownBy(() -> backend.upload(new float[0], 0, 3)).isInstanceOf(IllegalArgumentException.class);
        try (DenseJacobian foreign = cpu.upload(new double[] {1, 2}, 1, 2);
             DenseJacobian own = backend.upload(new float[] {1, 2}, 1, 2)) {
            assertThatThrownBy(() -> backend.multiply(foreign, new double[2], new double[1]))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> backend.multiply(own, new double[3], new double[1]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v has length 3");
        }
    }

    private static double[] randomVector(Random random, int length) {
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            v[i] = random.nextDouble() * 2 - 1;
        }
        return v;
    }

    /** |actual − expected| ≤ tolerance · max(1, max|expected|) element-wise. */
    private static void assertClose(String what, double[] actual, double[] expected, double tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        double scale = 1;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < actual.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i]))
                    .as("%s[%d]: %s vs %s", what, i, actual[i], expected[i])
                    .isLessThanOrEqualTo(tolerance * scale);
        }
    }
}
