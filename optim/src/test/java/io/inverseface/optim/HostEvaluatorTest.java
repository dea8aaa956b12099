package io.inverseface.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inverseface.optim.backend.LinearAlgebraBackend;
import io.inverseface.optim.backend.cpu.CpuBackend;
import org.junit.jupiter.api.Test;

/** The host evaluator: the contract in double, and its float and matrix-free variants. */
class HostEvaluatorTest extends EvaluatorContract {

    @Override
    protected LinearAlgebraBackend openOrSkip() {
        return new CpuBackend(1);
    }

    @Override
    protected Evaluator open(Program program) {
        return new HostEvaluator(program, backend, LinearSolverType.DENSE_CHOLESKY, false);
    }

    @Override
    protected double tolerance() {
        return 1e-12;
    }

    @Test
    void itResolvesSmallCostChangesAndHasNoFallback() {
        try (Evaluator ev = open(program(new double[] {1.5, 0.2}))) {
            assertThat(ev.resolvesSmallCostChanges()).isTrue();
            assertThat(ev.description()).isEqualTo(backend.name());
            assertThat(ev.fallback()).isNull();
        }
    }

    @Test
    void theMatrixFreeAndFloatVariantsFormTheSameGradient() {
        double[] p = {1.5, 0.2};
        Program program = program(p);
        double[] g = new double[2];
        double[] columnSquares = new double[2];
        double[] jtj = new double[4];
        try (Evaluator dense = open(program)) {
            dense.evaluate(true);
            dense.linearise(jtj, g, columnSquares);
        }
        for (boolean single : new boolean[] {false, true}) {
            try (Evaluator cg = new HostEvaluator(program, backend, LinearSolverType.CONJUGATE_GRADIENT, single)) {
                cg.evaluate(true);
                double[] g2 = new double[2];
                double[] squares = new double[2];
                cg.linearise(null, g2, squares);
                double tol = single ? 1e-6 : 1e-12;
                for (int c = 0; c < 2; c++) {
                    assertThat(g2[c]).as("g[%d], float %s", c, single).isCloseTo(g[c], within(tol * Math.abs(g[c])));
                    assertThat(squares[c]).isCloseTo(columnSquares[c], within(tol * columnSquares[c]));
                }
            }
        }
    }
}
