package io.inverseface.optim.sparse;

import org.ejml.data.DMatrixSparseCSC;
import org.ejml.sparse.csc.CommonOps_DSCC;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NestedDissectionTest {

    private static void assertPermutation(int[] perm, int n) {
        assertThat(perm).hasSize(n);
        boolean[] seen = new boolean[n];
        for (int v : perm) {
            assertThat(v).isBetween(0, n - 1);
            assertThat(seen[v]).as("index %d repeated", v).isFalse();
            seen[v] = true;
        }
    }

    @Test
    void gridOrderingIsAValidPermutation() {
        DMatrixSparseCSC lap = Laplacians.grid(37, 53);
        assertPermutation(new NestedDissection().order(lap), 37 * 53);
        assertPermutation(new NestedDissection(2).order(lap), 37 * 53);
    }

    @Test
    void disconnectedAndTinyGraphsAreOrderedCompletely() {
        // Block-diagonal: two grids plus isolated vertices (identity block).
        DMatrixSparseCSC g1 = Laplacians.grid(20, 15);
        DMatrixSparseCSC top = CommonOps_DSCC.concatColumns(g1, new DMatrixSparseCSC(300, 307, 0), null);
        DMatrixSparseCSC mid = CommonOps_DSCC.concatColumns(new DMatrixSparseCSC(300, 300, 0),
                CommonOps_DSCC.concatColumns(g1, new DMatrixSparseCSC(300, 7, 0), null), null);
        DMatrixSparseCSC bot = CommonOps_DSCC.concatColumns(new DMatrixSparseCSC(7, 600, 0),
                CommonOps_DSCC.identity(7), null);
        DMatrixSparseCSC blocks = CommonOps_DSCC.concatRows(CommonOps_DSCC.concatRows(top, mid, null), bot, null);
        assertPermutation(new NestedDissection(8).order(blocks), 607);
        assertPermutation(new NestedDissection().order(CommonOps_DSCC.identity(1)), 1);
        assertPermutation(new NestedDissection().order(new DMatrixSparseCSC(0, 0, 0)), 0);
    }

    @Test
    void reducesFillOnGridComparedWithNaturalOrder() {
        DMatrixSparseCSC m = TestMatrices.shiftedLaplacian(Laplacians.grid(120, 120), 0.1);
        int natural = SparseCholesky.factor(m, FillReducingOrdering.NATURAL).factorNonZeros();
        int nd = SparseCholesky.factor(m, FillReducingOrdering.NESTED_DISSECTION).factorNonZeros();
        // Natural (banded) fill ~ n·√n = 1.7M; nested dissection ~ O(n log n).
        assertThat(nd).isLessThan(natural / 3);
    }

    @Test
    void rejectsNonSquareAndBadLeafSize() {
        assertThatThrownBy(() -> new NestedDissection().order(new DMatrixSparseCSC(3, 4, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("square");
        assertThatThrownBy(() -> new NestedDissection(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
