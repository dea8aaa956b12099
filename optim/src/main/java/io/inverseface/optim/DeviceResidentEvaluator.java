package io.inverseface.optim;

import io.inverseface.compute.ComputeDevice;
import io.inverseface.compute.DeviceBuffer;
import io.inverseface.optim.backend.DenseJacobian;
import io.inverseface.optim.backend.DeviceResidentBackend;
import io.inverseface.optim.backend.LinearAlgebraBackend;
import io.inverseface.optim.device.DeviceTerm;
import io.inverseface.optim.device.DeviceTermEvaluator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Evaluator} on a {@link DeviceResidentBackend}: the m×n Jacobian and the
 * m residuals live in device memory for the whole solve. {@link DeviceTerm}s write their rows there
 * with their own kernels; every other term is evaluated on the host (with its loss, as in
 * {@link Program}) and only its rows are copied over. Per evaluation the bus carries the parameter
 * blocks, the host terms' rows and one partial sum of squares per 64 residuals; per linearisation the
 * n×n normal matrix and Jᵀr come back for the host Cholesky (n ≈ 230 for the face: 0.4 MB).
 *
 * <p>Used with the dense Cholesky step only (the step the coarse face fit takes); the Jacobian is float.
 */
final class DeviceResidentEvaluator implements Evaluator {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceResidentEvaluator.class);
    /** Host fallbacks already logged (one line per term name and reason per JVM). */
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private final Program program;
    private final DeviceResidentBackend backend;
    private final Supplier<Evaluator> fallback;
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

    private DeviceResidentEvaluator(Program program, DeviceResidentBackend backend, DeviceTermEvaluator[] bound,
                                    Supplier<Evaluator> fallback) {
        this.program = program;
        this.backend = backend;
        this.fallback = fallback;
        this.device = backend.compute();
        this.n = program.cols;
        this.bound = bound;
        int blocks = program.blockCount();
        scale = new double[blocks];
        hostResiduals = new double[blocks][];
        hostResidualsFloat = new float[blocks][];
        hostJacobian = new float[blocks][];
        blockCost = new double[blocks];
        List<String> onDevice = new ArrayList<>();
        List<String> onHost = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            ResidualBlock rb = program.residualBlock(b);
            scale[b] = Math.sqrt(rb.weight());
            if (bound[b] == null) {
                int k = rb.term().residualCount();
                hostResiduals[b] = new double[k];
                hostResidualsFloat[b] = new float[k];
                hostJacobian[b] = new float[k * n];
                addOnce(onHost, rb.label());
            } else {
                addOnce(onDevice, rb.label());
            }
        }
        DenseJacobian j = backend.allocateJacobian(program.rows, n);
        DeviceBuffer r = null;
        try {
            r = device.allocate(program.rows);
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
     * The device-resident evaluation of this problem, or null when the {@link HostEvaluator} is to be
     * used: not a device backend, not the dense step, no free parameters, or no term bound to the device.
     *
     * @param fallback the evaluator to continue with when the device cannot evaluate the starting point
     */
    static DeviceResidentEvaluator create(Program program, LinearAlgebraBackend backend,
                                          LinearSolverType linearSolver, Supplier<Evaluator> fallback) {
        if (!(backend instanceof DeviceResidentBackend drb) || linearSolver != LinearSolverType.DENSE_CHOLESKY
                || program.cols == 0 || program.rows == 0) {
            return null;
        }
        DeviceTermEvaluator[] bound = new DeviceTermEvaluator[program.blockCount()];
        java.util.Map<Term, DeviceTermEvaluator> byTerm = new java.util.IdentityHashMap<>();
        int count = 0;
        try {
            ComputeDevice device = drb.compute();
            for (int b = 0; b < bound.length; b++) {
                ResidualBlock rb = program.residualBlock(b);
                if (!(rb.term() instanceof DeviceTerm term)) {
                    continue;
                }
                if (rb.loss() != null) {
                    logOnce(rb.label(), "a robust loss is applied on the host");
                    continue;
                }
                DeviceTermEvaluator e = byTerm.get(term);
                if (e == null && !byTerm.containsKey(term)) {
                    try {
                        e = term.bindTo(device);
                    } catch (RuntimeException | LinkageError ex) {
                        logOnce(rb.label(), ex.toString());
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
            return new DeviceResidentEvaluator(program, drb, bound, fallback);
        } catch (RuntimeException | LinkageError e) {
            closeAll(byTerm.values());
            logOnce("(all terms)", "device-resident evaluation unavailable: " + e);
            return null;
        }
    }

    /** Backend name and which terms run where, for the summary. */
    @Override
    public String description() {
        return description;
    }

    /**
     * Evaluates every term at the parameters in the blocks into the device residuals (and, with
     * {@code withJacobian}, the device Jacobian). Returns the cost, or NaN with {@link Program#failure()} set.
     */
    @Override
    public double evaluate(boolean withJacobian) {
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
            ResidualBlock rb = program.residualBlock(b);
            int row0 = program.rowOffset(b);
            int k = rb.term().residualCount();
            if (bound[b] != null) {
                boolean ok;
                try {
                    ok = bound[b].evaluate(rb.blocks(), residuals, withJacobian ? jacobianMemory : null, row0, n,
                            program.columnOffsets(b), scale[b]);
                } catch (RuntimeException e) {
                    program.setFailure("term '" + rb.label() + "' threw on the device: " + e);
                    return Double.NaN;
                }
                if (!ok) {
                    program.setFailure("term '" + rb.label() + "' could not be evaluated");
                    return Double.NaN;
                }
                if (perBlock) {
                    blockCost[b] = 0.5 * device.sumOfSquares(residuals, row0, k);
                    if (!Double.isFinite(blockCost[b])) {
                        program.setFailure("term '" + rb.label() + "' produced a non-finite residual on the device");
                        return Double.NaN;
                    }
                }
            } else {
                float[] jRows = withJacobian ? hostJacobian[b] : null;
                double c = program.evaluateBlock(b, hostResiduals[b], row0, null, jRows, withJacobian);
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
            double all = device.sumOfSquares(residuals, 0, program.rows);
            if (!Double.isFinite(all)) {
                program.setFailure("a term on the device (" + onDevice + ") produced a non-finite residual");
                return Double.NaN;
            }
            cost = hostCost + 0.5 * Math.max(0, all - hostSquares);
        }
        if (!Double.isFinite(cost)) {
            program.setFailure("cost is not finite");
            return Double.NaN;
        }
        return cost;
    }

    /**
     * JᵀJ and Jᵀr from the device arrays of the last evaluation with Jacobian (only the n×n system and
     * n values cross the bus); throws (failure set) when a device term wrote a non-finite Jacobian entry.
     */
    @Override
    public void linearise(double[] jtj, double[] g, double[] columnSquares) {
        backend.normalEquations(jacobian, residuals, jtj, g);
        for (double v : jtj) {
            if (!Double.isFinite(v)) {
                program.setFailure("a term on the device produced a non-finite Jacobian entry");
                throw new IllegalStateException(program.failure());
            }
        }
        for (int i = 0; i < n; i++) {
            columnSquares[i] = jtj[i * n + i];
        }
    }

    /** {@code ‖J·v‖² = vᵀ(JᵀJ)v} from the normal matrix: J stays on the device. */
    @Override
    public double squaredNormOfJacobianTimes(double[] v, double[] jtj) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double row = 0;
            int base = i * n;
            for (int j = 0; j < n; j++) {
                row += jtj[base + j] * v[j];
            }
            sum += v[i] * row;
        }
        return sum;
    }

    @Override
    public DenseJacobian jacobian() {
        return jacobian;
    }

    /** Float residuals: the ratio test cannot resolve relative changes near the function tolerance. */
    @Override
    public boolean resolvesSmallCostChanges() {
        return false;
    }

    /** Closes this evaluation (logging, not throwing, if releasing fails) and evaluates on the host from now on. */
    @Override
    public Evaluator fallback() {
        LOG.warn("device evaluation failed at the starting point ({}); solving with host evaluation", program.failure());
        try {
            close();
        } catch (RuntimeException e) {
            LOG.warn("releasing the device evaluation failed: {}", e.toString());
        }
        return fallback.get();
    }

    /** Cost by term name at the parameters in the blocks, evaluated on the device (+∞ when that fails). */
    @Override
    public Map<String, Double> costPerTerm() {
        Map<String, Double> out = new LinkedHashMap<>();
        boolean ok = !Double.isNaN(evaluate(false, true));
        for (int b = 0; b < bound.length; b++) {
            out.merge(program.residualBlock(b).label(), ok ? blockCost[b] : Double.POSITIVE_INFINITY, Double::sum);
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
