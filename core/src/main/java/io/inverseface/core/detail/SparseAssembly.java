package io.inverseface.core.detail;

import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.ops.DConvertMatrixStruct;
import org.ejml.sparse.csc.CommonOps_DSCC;

/**
 * Triplets to a clean CSC matrix. EJML's triplet conversion keeps duplicate (row, column) entries and
 * leaves row indices unsorted; assembly from per-face contributions produces many duplicates, and
 * later products and factorisations expect each entry once and sorted. So: convert, sort, add duplicates.
 */
final class SparseAssembly {

    private SparseAssembly() {
    }

    static DMatrixSparseCSC compress(DMatrixSparseTriplet triplets) {
        DMatrixSparseCSC m = DConvertMatrixStruct.convert(triplets, (DMatrixSparseCSC) null);
        m.sortIndices(null);
        CommonOps_DSCC.duplicatesAdd(m, null);
        return m;
    }
}
