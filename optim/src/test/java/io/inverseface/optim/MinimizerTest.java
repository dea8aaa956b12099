package io.inverseface.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inverseface.optim.backend.DenseJacobian;
import io.inverseface.optim.backend.cpu.CpuBackend;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The minimizers work through the {@link Evaluator} seam alone, and the run around them handles its failures. */
class MinimizerTest {

    private static SolverOptions options(Method method) {
        return SolverOptions.builder().method(method).maxIterations(500)
                .functionTolerance(1e-14).gradientTolerance(1e-14).parameterTolerance(1e-14).build();
    }

    private static Problem rosenbrock(double[] x) {
        return Problem.builder().addTerm(new Rosenbrock(), x).build();
    }

    /** The host evaluator the run would pick on the CPU. */
    private static Evaluator onHost(Program program, SolverOptions options, LinearSolverType linear) {
        return new HostEvaluator(program, options.backend(), linear, false);
    }

    /**
     * Solves the Rosenbrock problem from (−1.2, 1), the solution in x, with {@code method}'s minimizer through
     * the evaluator {@code wrap} makes of the host one.
     */
    private static SolverSummary solveRosenbrock(double[] x, Method method,
                                                 BiFunction<Program, Evaluator, Evaluator> wrap) {
        SolverOptions options = options(method);
        return new SolverRun(rosenbrock(x), options,
                (program, linear) -> wrap.apply(program, onHost(program, options, linear))).run(Minimizer.of(method));
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void bothMinimizersReachTheRosenbrockMinimumThroughTheEvaluator(Method method) {
        double[] x = {-1.2, 1};
        Counting[] seen = new Counting[1];
        SolverSummary s = solveRosenbrock(x, method, (program, host) -> seen[0] = new Counting(host, Double.NaN));

        assertThat(s.termination()).as(s.fullReport()).isEqualTo(TerminationType.CONVERGENCE);
        assertThat(x[0]).isCloseTo(1, within(1e-8));
        assertThat(x[1]).isCloseTo(1, within(1e-8));
        assertThat(s.finalCost()).isLessThan(1e-16);
        Counting ev = seen[0];
        assertThat(ev.withJacobian).isEqualTo(ev.linearisations).isGreaterThan(5);
        assertThat(ev.costOnly).isPositive();
        assertThat(ev.closed).isTrue();
        // Solver.solve is that run with the evaluator it picks: the same iterates to the last bit.
        double[] y = {-1.2, 1};
        SolverSummary viaSolver = Solver.solve(rosenbrock(y), options(method));
        assertThat(y).containsExactly(x);
        assertThat(viaSolver.iterations()).extracting(IterationSummary::cost)
                .containsExactlyElementsOf(s.iterations().stream().map(IterationSummary::cost).toList());
    }

    @Test
    void theTrustRegionStopsOnThePredictedDecreaseWhenCostsCannotResolveIt() {
        double[] x = {1, 0.1};
        Problem.Builder builder = Problem.builder();
        for (int i = 0; i < 20; i++) { // y = 2·exp(0.3·t) with a residual that stays at the minimum
            double t = 0.15 * i;
            builder.addTerm(new ExponentialObservation(t, 2 * Math.exp(0.3 * t) + (i % 2 == 0 ? 0.05 : -0.05)), x);
        }
        Problem problem = builder.build();
        SolverOptions options = SolverOptions.builder().functionTolerance(1e-6).gradientTolerance(0)
                .parameterTolerance(0).maxIterations(500).build();
        SolverSummary s = new SolverRun(problem, options, (program, linear) -> new Counting(
                onHost(program, options, linear), Double.NaN) {
            @Override
            public boolean resolvesSmallCostChanges() {
                return false;
            }
        }).run(new TrustRegionMinimizer());

        assertThat(s.termination()).as(s.fullReport()).isEqualTo(TerminationType.CONVERGENCE);
        assertThat(s.reason()).startsWith("function tolerance reached: predicted");
        assertThat(x[0]).isCloseTo(2, within(0.05));
        assertThat(x[1]).isCloseTo(0.3, within(0.02));
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void anEvaluatorThatFailsAtTheStartHandsOverToItsFallback(Method method) {
        double[] x = {-1.2, 1};
        Counting[] first = new Counting[1];
        Counting[] second = new Counting[1];
        SolverSummary s = solveRosenbrock(x, method, (program, host) -> first[0] = new Counting(host, 0) {
            @Override
            public double evaluate(boolean withJacobian) {
                throw new IllegalStateException("kernel launch failed");
            }

            @Override
            public Evaluator fallback() {
                close();
                return second[0] = new Counting(
                        onHost(program, options(method), LinearSolverType.DENSE_CHOLESKY), Double.NaN);
            }
        });

        assertThat(s.termination()).as(s.fullReport()).isEqualTo(TerminationType.CONVERGENCE);
        assertThat(s.backend()).isEqualTo("counting");
        assertThat(first[0].closed).isTrue();
        assertThat(second[0].closed).isTrue();
        assertThat(second[0].withJacobian).isPositive();
        assertThat(x[0]).isCloseTo(1, within(1e-8));
    }

    @Test
    void withoutAFallbackAFailingStartIsAFailure() {
        double[] x = {-1.2, 1};
        SolverSummary s = solveRosenbrock(x, Method.LEVENBERG_MARQUARDT, (program, host) -> new Counting(host, Double.NaN) {
            @Override
            public double evaluate(boolean withJacobian) {
                program.setFailure("no luck");
                return Double.NaN;
            }
        });

        assertThat(s.termination()).isEqualTo(TerminationType.FAILURE);
        assertThat(s.reason()).isEqualTo("at the starting point: no luck");
        assertThat(s.initialCost()).isInfinite();
        assertThat(x).containsExactly(-1.2, 1);
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void anEvaluatorThatThrowsMidSolveEndsItWithFailureAndHostCostsPerTerm(Method method) {
        double[] x = {-1.2, 1};
        SolverSummary s = solveRosenbrock(x, method, (program, host) -> new Counting(host, 3));

        assertThat(s.termination()).isEqualTo(TerminationType.FAILURE);
        assertThat(s.reason()).startsWith("linear algebra backend failed").contains("device lost");
        assertThat(Double.isFinite(x[0]) && Double.isFinite(x[1])).isTrue();
        assertThat(s.costPerTerm()).containsOnlyKeys("Rosenbrock");
        assertThat(s.costPerTerm().get("Rosenbrock")).isCloseTo(s.finalCost(), within(1e-12));
    }

    /**
     * An evaluator around another that counts what the minimizer asks and, from the {@code failFrom}-th
     * evaluation on (NaN: never), throws as a lost device would.
     */
    private static class Counting implements Evaluator {
        private final Evaluator inner;
        private final double failFrom;
        int withJacobian;
        int costOnly;
        int linearisations;
        boolean closed;

        Counting(Evaluator inner, double failFrom) {
            this.inner = inner;
            this.failFrom = failFrom;
        }

        @Override
        public String description() {
            return "counting";
        }

        @Override
        public double evaluate(boolean jacobian) {
            if (withJacobian + costOnly >= failFrom) {
                throw new IllegalStateException("device lost");
            }
            if (jacobian) {
                withJacobian++;
            } else {
                costOnly++;
            }
            return inner.evaluate(jacobian);
        }

        @Override
        public void linearise(double[] jtj, double[] g, double[] columnSquares) {
            linearisations++;
            inner.linearise(jtj, g, columnSquares);
        }

        @Override
        public double squaredNormOfJacobianTimes(double[] v, double[] jtj) {
            return inner.squaredNormOfJacobianTimes(v, jtj);
        }

        @Override
        public DenseJacobian jacobian() {
            return inner.jacobian();
        }

        @Override
        public boolean resolvesSmallCostChanges() {
            return inner.resolvesSmallCostChanges();
        }

        @Override
        public Map<String, Double> costPerTerm() {
            if (withJacobian + costOnly >= failFrom) {
                throw new IllegalStateException("device lost");
            }
            return inner.costPerTerm();
        }

        @Override
        public Evaluator fallback() {
            return null;
        }

        @Override
        public void close() {
            closed = true;
            inner.close();
        }
    }

    @Test
    void theCpuBackendLendsTheSolverItsJacobianWithoutACopy() {
        try (CpuBackend cpu = new CpuBackend(1)) {
            double[] j = {1, 2, 3, 4};
            DenseJacobian lent = cpu.borrow(j, 2, 2);
            j[0] = 10; // a lent Jacobian reads the caller's array
            double[] out = new double[2];
            cpu.multiply(lent, new double[] {1, 0}, out);
            assertThat(out).containsExactly(10, 3);
            DenseJacobian copied = cpu.upload(j, 2, 2);
            j[0] = 1;
            cpu.multiply(copied, new double[] {1, 0}, out);
            assertThat(out).containsExactly(10, 3);
        }
    }
}
