package io.inverseface.optim;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.optim.backend.DeviceResidentBackend;
import org.junit.jupiter.api.Test;

/** The device-resident evaluator: the contract in float, on the device of the subclass. */
abstract class DeviceResidentEvaluatorContract extends EvaluatorContract {

    @Override
    protected Evaluator open(Program program) {
        Evaluator ev = DeviceResidentEvaluator.create(program, backend, LinearSolverType.DENSE_CHOLESKY,
                () -> new HostEvaluator(program, backend, LinearSolverType.DENSE_CHOLESKY, false));
        assertThat(ev).as("the device binds the exponential fit").isNotNull();
        return ev;
    }

    @Override
    protected double tolerance() {
        return 1e-4;
    }

    @Test
    void itSaysWhichTermsRunWhereAndFallsBackToTheHost() {
        Evaluator ev = open(program(new double[] {1.5, 0.2}));
        assertThat(ev.description()).isEqualTo(backend.name() + " (device-resident: exp-fit; on the host: prior)");
        assertThat(ev.resolvesSmallCostChanges()).isFalse();
        try (Evaluator host = ev.fallback()) {
            assertThat(host).isInstanceOf(HostEvaluator.class);
        }
    }

    @Test
    void onlyTheDenseStepOnADeviceBackendIsDeviceResident() {
        Program program = program(new double[] {1.5, 0.2});
        assertThat(DeviceResidentEvaluator.create(program, backend, LinearSolverType.CONJUGATE_GRADIENT, () -> null))
                .isNull();
        try (io.inverseface.optim.backend.cpu.CpuBackend cpu = new io.inverseface.optim.backend.cpu.CpuBackend(1)) {
            assertThat(DeviceResidentEvaluator.create(program, cpu, LinearSolverType.DENSE_CHOLESKY, () -> null))
                    .isNull();
        }
    }

    @Override
    protected abstract DeviceResidentBackend openOrSkip();
}
