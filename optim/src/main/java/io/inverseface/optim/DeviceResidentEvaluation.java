package io.inverseface.optim;

import io.inverseface.optim.backend.ComputeDevice;
import io.inverseface.optim.backend.DenseJacobian;
import io.inverseface.optim.backend.DeviceBuffer;
import io.inverseface.optim.backend.DeviceResidentBackend;
import io.inverseface.optim.backend.LinearAlgebraBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The solver's evaluation when it runs on a {@link DeviceResidentBackend}: the m×n Jacobian and the
 * m residuals live in device memory for the whole solve. {@link DeviceTerm}s write their rows there
 * with their own kernels; every other term is evaluated on the host (with its loss, as in
 * {@link Evaluator}) and only its rows are copied over. Per evaluation the bus carries the parameter
 * blocks, the host terms' rows and one partial sum of squares per 64 residuals; per linearisation the
 * n×n normal matrix and Jᵀr come back for the host Cholesky (n ≈ 230 for the face: 0.4 MB).
 *
 * <p>Used with the dense Cholesky step only (the step the coarse face fit takes); the Jacobian is float.
 */
final class DeviceResidentEvaluation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceResidentEvaluation.class);
    /** Host fallbacks already logged (one line per term name and reason per JVM). */
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private final Evaluator ev;
    private final DeviceResidentBackend backend;
    private final ComputeDevice device;
    private final int n;
    private final DeviceTermEvaluator[] bound;
    private final double[] scale;
    private final double[][] hostResiduals;
    private final float[][] hostResidualsFloat;
    private final float[][] hostJacobian;
    private final double[] blockCost;
    private final DenseJacobian jacobian;
    private final DeviceBuffer jacobianMemory;
    private final DeviceBuffer residuals;
    private final String description;
    private final String onDevice;
    private boolean closed;

    private DeviceResidentEvaluation(Evaluator ev, DeviceResidentBackend backend, DeviceTermEvaluator[] bound) {
        this.ev = ev;
        this.backend = backend;
        this.device = backend.compute();
        this.n = ev.cols;
        this.bound = bound;
        int blocks = ev.blockCount();
        scale = new double[blocks];
        hostResiduals = new double[blocks][];
        hostResidualsFloat = new float[blocks][];
        hostJacobian = new float[blocks][];
        blockCost = new double[blocks];
        List<String> onDevice = new ArrayList<>();
        List<String> onHost = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            ResidualBlock rb = ev.residualBlock(b);
            scale[b] = Math.sqrt(rb.weight());
            if (bound[b] == null) {
                int k = rb.term().residualCount();
                hostResiduals[b] = new double[k];
                hostResidualsFloat[b] = new float[k];
                hostJacobian[b] = new float[k * n];
                addOnce(onHost, rb.term().name());
            } else {
                addOnce(onDevice, rb.term().name());
            }
        }
        DenseJacobian j = backend.allocateJacobian(ev.rows, n);
        DeviceBuffer r = null;
        try {
            r = device.allocate(ev.rows);
        } catch (RuntimeException e) {
            j.close();
            throw e;
        }
        jacobian = j;
        jacobianMemory = backend.memoryOf(j);
        residuals = r;
        this.onDevice = String.join(", ", onDevice);
        description = backend.name() + " (device-resident: " + this.onDevice
                + (onHost.isEmpty() ? "" : "; on the host: " + String.join(", ", onHost)) + ")";
    }

    /**
     * The device-resident evaluation of this problem, or null when the host {@link Evaluator} is to be
     * used: not a device backend, not the dense step, no free parameters, or no term bound to the device.
     */
    static DeviceResidentEvaluation create(Evaluator ev, LinearAlgebraBackend backend, LinearSolverType linearSolver) {
        if (!(backend instanceof DeviceResidentBackend drb) || linearSolver != LinearSolverType.DENSE_CHOLESKY
                || ev.cols == 0 || ev.rows == 0) {
            return null;
        }
        DeviceTermEvaluator[] bound = new DeviceTermEvaluator[ev.blockCount()];
        java.util.Map<Term, DeviceTermEvaluator> byTerm = new java.util.IdentityHashMap<>();
        int count = 0;
        try {
            ComputeDevice device = drb.compute();
            for (int b = 0; b < bound.length; b++) {
                ResidualBlock rb = ev.residualBlock(b);
                if (!(rb.term() instanceof DeviceTerm term)) {
                    continue;
                }
                if (rb.loss() != null) {
                    logOnce(term.name(), "a robust loss is applied on the host");
                    continue;
                }
                DeviceTermEvaluator e = byTerm.get(term);
                if (e == null && !byTerm.containsKey(term)) {
                    try {
                        e = term.bindTo(device);
                    } catch (RuntimeException | LinkageError ex) {
                        logOnce(term.name(), ex.toString());
                        e = null;
                    }
                    byTerm.put(term, e);
                }
                bound[b] = e;
                count += e == null ? 0 : 1;
            }
            if (count == 0) {
                closeAll(byTerm.values());
                return null;
            }
            return new DeviceResidentEvaluation(ev, drb, bound);
        } catch (RuntimeException | LinkageError e) {
            closeAll(byTerm.values());
            logOnce("(all terms)", "device-resident evaluation unavailable: " + e);
            return null;
        }
    }

    /** Backend name and which terms run where, for the summary. */
    String description() {
        return description;
    }

    /**
     * Evaluates every term at the parameters in the blocks into the device residuals (and, with
     * {@code withJacobian}, the device Jacobian). Returns the cost, or NaN with {@link Evaluator#failure()} set.
     */
    double evaluate(boolean withJacobian) {
        return evaluate(withJacobian, false);
    }

    /**
     * One pass over the terms. The device terms' cost comes from a single reduction over the whole
     * residual vector minus the host rows' squares (known on the host), so an evaluation reads back one
     * partial sum per 64 residuals whatever the number of terms; {@code perBlock} reduces each device
     * term's rows separately instead (for the summary's cost per term).
     */
    private double evaluate(boolean withJacobian, boolean perBlock) {
        double hostCost = 0;
        double hostSquares = 0;
        for (int b = 0; b < bound.length; b++) {
            ResidualBlock rb = ev.residualBlock(b);
            int row0 = ev.rowOffset(b);
            int k = rb.term().residualCount();
            if (bound[b] != null) {
                boolean ok;
                try {
                    ok = bound[b].evaluate(rb.blocks(), residuals, withJacobian ? jacobianMemory : null, row0, n,
                            ev.columnOffsets(b), scale[b]);
                } catch (RuntimeException e) {
                    ev.setFailure("term '" + rb.term().name() + "' threw on the device: " + e);
                    return Double.NaN;
                }
                if (!ok) {
                    ev.setFailure("term '" + rb.term().name() + "' could not be evaluated");
                    return Double.NaN;
                }
                if (perBlock) {
                    blockCost[b] = 0.5 * device.sumOfSquares(residuals, row0, k);
                    if (!Double.isFinite(blockCost[b])) {
                        ev.setFailure("term '" + rb.term().name() + "' produced a non-finite residual on the device");
                        return Double.NaN;
                    }
                }
            } else {
                float[] jRows = withJacobian ? hostJacobian[b] : null;
                double c = ev.evaluateBlock(b, hostResiduals[b], row0, null, jRows, withJacobian);
                if (Double.isNaN(c)) {
                    return Double.NaN;
                }
                float[] rf = hostResidualsFloat[b];
                double[] rd = hostResiduals[b];
                for (int i = 0; i < k; i++) {
                    rf[i] = (float) rd[i];
                    hostSquares += (double) rf[i] * rf[i];
                }
                if (k > 0) {
                    device.write(residuals, row0, rf, k);
                }
                if (withJacobian && k > 0) {
                    device.write(jacobianMemory, (long) row0 * n, jRows, k * n);
                }
                blockCost[b] = c;
                hostCost += c;
            }
        }
        double cost;
        if (perBlock) {
            cost = 0;
            for (double c : blockCost) {
                cost += c;
            }
        } else {
            double all = device.sumOfSquares(residuals, 0, ev.rows);
            if (!Double.isFinite(all)) {
                ev.setFailure("a term on the device (" + onDevice + ") produced a non-finite residual");
                return Double.NaN;
            }
            cost = hostCost + 0.5 * Math.max(0, all - hostSquares);
        }
        if (!Double.isFinite(cost)) {
            ev.setFailure("cost is not finite");
            return Double.NaN;
        }
        return cost;
    }

    /**
     * JᵀJ and Jᵀr from the device arrays of the last evaluation with Jacobian; false (failure set) when
     * a device term wrote a non-finite Jacobian entry.
     */
    boolean normalEquations(double[] jtj, double[] jtr) {
        backend.normalEquations(jacobian, residuals, jtj, jtr);
        for (double v : jtj) {
            if (!Double.isFinite(v)) {
                ev.setFailure("a term on the device produced a non-finite Jacobian entry");
                return false;
            }
        }
        return true;
    }

    /** Cost by term name at the parameters in the blocks, evaluated on the device (+∞ when that fails). */
    Map<String, Double> costPerTerm() {
        Map<String, Double> out = new LinkedHashMap<>();
        boolean ok = !Double.isNaN(evaluate(false, true));
        for (int b = 0; b < bound.length; b++) {
            out.merge(ev.residualBlock(b).term().name(), ok ? blockCost[b] : Double.POSITIVE_INFINITY, Double::sum);
        }
        return out;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        java.util.Set<DeviceTermEvaluator> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (DeviceTermEvaluator e : bound) {
            if (e != null && seen.add(e)) {
                e.close();
            }
        }
        residuals.close();
        jacobian.close();
    }

    private static void closeAll(java.util.Collection<DeviceTermEvaluator> evaluators) {
        for (DeviceTermEvaluator e : evaluators) {
            if (e != null) {
                e.close();
            }
        }
    }

    private static void logOnce(String term, String reason) {
        if (LOGGED.add(term + '\u0000' + reason)) {
            LOG.info("term '{}' is evaluated on the host: {}", term, reason);
        }
    }

    private static void addOnce(List<String> names, String name) {
        if (!names.contains(name)) {
            names.add(name);
        }
    }
}
