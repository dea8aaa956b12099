package io.inverseface.benchmarks.optim;

import io.inverseface.optim.sparse.FillReducingOrdering;
import io.inverseface.optim.sparse.SparseCholesky;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.interfaces.linsol.LinearSolverSparse;
import org.ejml.sparse.FillReducing;
import org.ejml.sparse.csc.factory.LinearSolverFactory_DSCC;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Sparse Cholesky (ordering + symbolic + numeric) of a 30k-unknown 2-D grid Laplacian and a
 * 30k-vertex UV-sphere mesh Laplacian: our natural order vs nested dissection vs EJML's own
 * {@code LinearSolverFactory_DSCC.cholesky(FillReducing.NONE)} (EJML's other options are
 * IDENTITY, equivalent to NONE, and RANDOM, whose fill is near-dense). Fill (nnz of L) is printed
 * at setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class L1FactorizationBenchmark {

    @Param({"grid", "sphere"})
    public String matrix;

    @Param({"NATURAL", "NESTED_DISSECTION", "EJML_NONE"})
    public String ordering;

    private DMatrixSparseCSC system;

    @Setup(Level.Trial)
    public void setup() {
        system = matrix.equals("grid") ? L1BenchmarkProblems.gridSystem(L1BenchmarkProblems.side(30000))
                : L1BenchmarkProblems.sphereSystem(30000);
        long fill = ordering.equals("EJML_NONE") ? -1
                : SparseCholesky.factor(system, FillReducingOrdering.valueOf(ordering)).factorNonZeros();
        System.out.printf("%n[L1FactorizationBenchmark %s n=%d nnz(M)=%d %s] nnz(L)=%d%n",
                matrix, system.numCols, system.nz_length, ordering, fill);
    }

    @Benchmark
    public Object factor() {
        if (ordering.equals("EJML_NONE")) {
            LinearSolverSparse<DMatrixSparseCSC, DMatrixRMaj> solver =
                    LinearSolverFactory_DSCC.cholesky(FillReducing.NONE);
            if (!solver.setA(system)) {
                throw new IllegalStateException("EJML Cholesky failed");
            }
            return solver;
        }
        return SparseCholesky.factor(system, FillReducingOrdering.valueOf(ordering));
    }
}
