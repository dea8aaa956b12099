package io.inverseface.optim.backend.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.compute.ComputeDevice;
import io.inverseface.compute.DeviceBuffer;
import io.inverseface.optim.HuberLoss;
import io.inverseface.optim.Problem;
import io.inverseface.optim.Solver;
import io.inverseface.optim.SolverOptions;
import io.inverseface.optim.SolverSummary;
import io.inverseface.optim.Term;
import io.inverseface.optim.TerminationType;
import io.inverseface.optim.backend.DenseJacobian;
import io.inverseface.optim.backend.DeviceTestBase;
import io.inverseface.optim.backend.cpu.CpuBackend;
import io.inverseface.optim.device.DeviceTermEvaluator;
import io.inverseface.optim.device.ExponentialFit;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A device backend's {@link ComputeDevice} as the solver uses it: Jacobians kernels write in place, normal
 * equations from device-resident residuals, and a fit whose term runs as a kernel agreeing with the same fit
 * on the CPU. The device on its own is tested in compute ({@code io.inverseface.compute.ComputeDeviceContract}).
 * Subclasses open the backend or skip by assumption.
 */
public abstract class DeviceResidentContract extends DeviceTestBase {

    @Test
    void normalEquationsWithDeviceResidualsMatchTheHostResidualPath() {
        Random random = new Random(11);
        int m = 517;
        int n = 23;
        float[] j = new float[m * n];
        double[] r = new double[m];
        float[] rf = new float[m];
        for (int i = 0; i < j.length; i++) {
            j[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < m; i++) {
            rf[i] = (float) random.nextGaussian();
            r[i] = rf[i];
        }
        ComputeDevice d = backend.compute();
        try (DenseJacobian onDevice = backend.allocateJacobian(m, n); DeviceBuffer residuals = d.allocate(m);
             DenseJacobian uploaded = backend.upload(j, m, n)) {
            d.write(backend.memoryOf(onDevice), 0, j, j.length);
            d.write(residuals, 0, rf, m);
            double[] jtj = new double[n * n], jtr = new double[n], jtjHost = new double[n * n], jtrHost = new double[n];
            backend.normalEquations(onDevice, residuals, jtj, jtr);
            backend.normalEquations(uploaded, r, jtjHost, jtrHost);
            assertThat(jtj).containsExactly(jtjHost, org.assertj.core.data.Offset.offset(1e-3));
            assertThat(jtr).containsExactly(jtrHost, org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    @Test
    void allocatedJacobiansStartAtZero() {
        try (DenseJacobian j = backend.allocateJacobian(40, 7)) {
            float[] out = new float[280];
            java.util.Arrays.fill(out, 5f);
            backend.compute().read(backend.memoryOf(j), 0, out, out.length);
            assertThat(out).containsOnly(0f);
        }
    }

    @Test
    void deviceTermFitMatchesTheSameFitOnTheCpu() {
        double[][] data = exponentialData(400);
        SolverSummary onCpu;
        double[] cpuParams = {1, 0.1};
        try (CpuBackend cpu = new CpuBackend(1)) {
            onCpu = Solver.solve(problem(data, cpuParams, true), SolverOptions.builder().backend(cpu).build());
        }
        double[] deviceParams = {1, 0.1};
        SolverSummary onDevice = Solver.solve(problem(data, deviceParams, true),
                SolverOptions.builder().backend(backend).build());

        assertThat(onDevice.termination()).isEqualTo(TerminationType.CONVERGENCE);
        assertThat(onDevice.backend()).contains("device-resident: exp-fit").contains("on the host: prior");
        assertThat(deviceParams[0]).isCloseTo(cpuParams[0], org.assertj.core.data.Offset.offset(1e-4));
        assertThat(deviceParams[1]).isCloseTo(cpuParams[1], org.assertj.core.data.Offset.offset(1e-4));
        assertThat(deviceParams[0]).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(onDevice.finalCost()).isCloseTo(onCpu.finalCost(), org.assertj.core.data.Percentage.withPercentage(0.01));
        assertThat(onDevice.costPerTerm().get("exp-fit"))
                .isCloseTo(onCpu.costPerTerm().get("exp-fit"), org.assertj.core.data.Percentage.withPercentage(0.01));
    }

    @Test
    void aTermThatDeclinesTheDeviceIsEvaluatedOnTheHost() {
        double[][] data = exponentialData(100);
        double[] params = {1, 0.1};
        SolverSummary s = Solver.solve(problem(data, params, false), SolverOptions.builder().backend(backend).build());
        assertThat(s.backend()).isEqualTo(backend.name());
        assertThat(params[1]).isCloseTo(0.3, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void aDeviceTermThatFailsMidSolveEndsItWithFailureAndFiniteParameters() {
        double[][] data = exponentialData(100);
        double[] params = {1, 0.1};
        ExponentialFit failing = failingOnCall(data, 3, "device lost");
        SolverSummary s = Solver.solve(Problem.builder().addTerm(failing, null, 1.0, params).build(),
                SolverOptions.builder().backend(backend).build());
        assertThat(s.termination()).isEqualTo(TerminationType.FAILURE);
        assertThat(s.reason()).contains("threw on the device").contains("device lost");
        assertThat(Double.isFinite(params[0]) && Double.isFinite(params[1])).isTrue();
    }

    @Test
    void aDeviceTermThatFailsAtTheStartIsSolvedOnTheHost() {
        double[][] data = exponentialData(100);
        double[] params = {1, 0.1};
        ExponentialFit broken = failingOnCall(data, 1, "kernel launch failed");
        SolverSummary s = Solver.solve(Problem.builder().addTerm(broken, null, 1.0, params).build(),
                SolverOptions.builder().backend(backend).build());
        assertThat(s.termination()).isEqualTo(TerminationType.CONVERGENCE);
        assertThat(s.backend()).isEqualTo(backend.name());
        assertThat(params[1]).isCloseTo(0.3, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void deviceEvaluationCanBeSwitchedOff() {
        double[][] data = exponentialData(100);
        double[] params = {1, 0.1};
        SolverSummary s = Solver.solve(problem(data, params, true),
                SolverOptions.builder().backend(backend).deviceEvaluation(false).build());
        assertThat(s.backend()).isEqualTo(backend.name());
        assertThat(s.termination()).isEqualTo(TerminationType.CONVERGENCE);
    }

    /** The exponential fit whose device evaluation throws {@code message} on its {@code call}-th evaluation. */
    private static ExponentialFit failingOnCall(double[][] data, int call, String message) {
        int[] calls = {0};
        return new ExponentialFit(data, true) {
            @Override
            public DeviceTermEvaluator bindTo(ComputeDevice device) {
                DeviceTermEvaluator inner = super.bindTo(device);
                return new DeviceTermEvaluator() {
                    @Override
                    public boolean evaluate(double[][] blocks, DeviceBuffer residuals, DeviceBuffer jacobian,
                                            int rowOffset, int ld, int[] columnOffsets, double scale) {
                        if (++calls[0] == call) {
                            throw new IllegalStateException(message);
                        }
                        return inner.evaluate(blocks, residuals, jacobian, rowOffset, ld, columnOffsets, scale);
                    }

                    @Override
                    public void close() {
                        inner.close();
                    }
                };
            }
        };
    }

    private static double[][] exponentialData(int count) {
        Random random = new Random(7);
        double[][] xy = new double[count][];
        for (int i = 0; i < count; i++) {
            double x = 3.0 * i / count;
            xy[i] = new double[] {x, 2 * Math.exp(0.3 * x) + 0.01 * random.nextGaussian()};
        }
        return xy;
    }

    private static Problem problem(double[][] data, double[] params, boolean onDevice) {
        Term prior = new Term() {
            @Override public String name() { return "prior"; }
            @Override public int residualCount() { return 2; }
            @Override public int[] blockSizes() { return new int[] {2}; }
            @Override public boolean evaluate(double[][] b, double[] r, double[][] j) {
                r[0] = b[0][0] - 1;
                r[1] = b[0][1];
                if (j != null && j[0] != null) {
                    j[0][0] = 1; j[0][1] = 0; j[0][2] = 0; j[0][3] = 1;
                }
                return true;
            }
        };
        return Problem.builder().addTerm(new ExponentialFit(data, onDevice), null, 1.0, params)
                .addTerm(prior, new HuberLoss(0.5), 1e-3, params).build();
    }
}
