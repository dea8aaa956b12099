package io.inverseface.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A nonlinear least-squares problem: terms over parameter blocks, minimised by {@link Solver}.
 *
 * <p>Parameter blocks are plain {@code double[]} arrays identified by identity (like Ceres): the
 * solver reads the starting point from them and writes the solution back into them. Blocks can be
 * held constant and can carry box bounds (steps are projected onto the box).
 *
 * <p>Cost convention (Ceres): {@code cost = ½ Σ_terms weight·ρ(‖r_term‖²)}, with ρ(s) = s without a loss.
 */
public final class Problem {

    private final List<ResidualBlock> residualBlocks;
    private final List<double[]> parameterBlocks;
    private final Map<double[], Boolean> constant;
    private final Map<double[], double[][]> bounds;

    private Problem(Builder b) {
        this.residualBlocks = List.copyOf(b.residualBlocks);
        this.parameterBlocks = List.copyOf(b.parameterBlocks);
        this.constant = Collections.unmodifiableMap(new IdentityHashMap<>(b.constant));
        this.bounds = Collections.unmodifiableMap(new IdentityHashMap<>(b.bounds));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Distinct parameter blocks in order of first use. */
    public List<double[]> parameterBlocks() {
        return parameterBlocks;
    }

    public boolean isConstant(double[] block) {
        return constant.containsKey(block);
    }

    /** {lower, upper} for a bounded block, or null. */
    double[][] boundsOf(double[] block) {
        return bounds.get(block);
    }

    List<ResidualBlock> residualBlocks() {
        return residualBlocks;
    }

    /** Number of residuals over all terms. */
    public int residualCount() {
        int m = 0;
        for (ResidualBlock rb : residualBlocks) {
            m += rb.term().residualCount();
        }
        return m;
    }

    /** Number of free parameters (entries of non-constant blocks). */
    public int freeParameterCount() {
        int n = 0;
        for (double[] p : parameterBlocks) {
            if (!isConstant(p)) {
                n += p.length;
            }
        }
        return n;
    }

    public int termCount() {
        return residualBlocks.size();
    }

    /** Accumulates terms, constant flags and bounds; {@link #build()} validates nothing further. */
    public static final class Builder {
        private final List<ResidualBlock> residualBlocks = new ArrayList<>();
        private final List<double[]> parameterBlocks = new ArrayList<>();
        private final Map<double[], Boolean> known = new IdentityHashMap<>();
        private final Map<double[], Boolean> constant = new IdentityHashMap<>();
        private final Map<double[], double[][]> bounds = new IdentityHashMap<>();

        private Builder() {
        }

        /** Adds a term with weight 1 and no loss. */
        public Builder addTerm(Term term, double[]... blocks) {
            return addTerm(term, null, 1.0, blocks);
        }

        /**
         * Adds a term contributing {@code ½·weight·ρ(‖r‖²)} to the cost.
         *
         * @param loss   robust loss, or null for plain squares
         * @param weight finite, ≥ 0
         * @throws ProblemDefinitionException when the blocks do not match {@link Term#blockSizes()}
         */
        public Builder addTerm(Term term, Loss loss, double weight, double[]... blocks) {
            if (term == null) {
                throw new ProblemDefinitionException("term is null");
            }
            return add(term.name(), term, loss, weight, blocks);
        }

        /**
         * As {@link #addTerm(Term, Loss, double, double[]...)}, with the label the term's cost is reported
         * under in {@link SolverSummary#costPerTerm()} and in error messages: a modelling layer names its
         * terms by what they mean there (an energy's name) without the term having to know it.
         */
        public Builder addTerm(String label, Term term, Loss loss, double weight, double[]... blocks) {
            if (term == null) {
                throw new ProblemDefinitionException("term is null");
            }
            if (label == null || label.isBlank()) {
                throw new ProblemDefinitionException("term '" + term.name() + "': label must not be blank");
            }
            return add(label, term, loss, weight, blocks);
        }

        private Builder add(String label, Term term, Loss loss, double weight, double[]... blocks) {
            String name = label;
            if (!(weight >= 0) || !Double.isFinite(weight)) {
                throw new ProblemDefinitionException("term '" + name + "': weight must be finite and >= 0, got " + weight);
            }
            if (term.residualCount() <= 0) {
                throw new ProblemDefinitionException("term '" + name + "': residualCount must be > 0");
            }
            int[] sizes = term.blockSizes();
            if (blocks == null || sizes == null || blocks.length != sizes.length) {
                throw new ProblemDefinitionException("term '" + name + "' declares " + (sizes == null ? 0 : sizes.length)
                        + " parameter blocks but " + (blocks == null ? 0 : blocks.length) + " were given");
            }
            Map<double[], Boolean> seen = new IdentityHashMap<>();
            for (int j = 0; j < blocks.length; j++) {
                if (blocks[j] == null) {
                    throw new ProblemDefinitionException("term '" + name + "': parameter block " + j + " is null");
                }
                if (blocks[j].length != sizes[j]) {
                    throw new ProblemDefinitionException("term '" + name + "': parameter block " + j + " has length "
                            + blocks[j].length + " but the term expects " + sizes[j]);
                }
                if (seen.put(blocks[j], Boolean.TRUE) != null) {
                    throw new ProblemDefinitionException("term '" + name + "': the same parameter block is passed twice");
                }
            }
            for (double[] b : blocks) {
                if (known.put(b, Boolean.TRUE) == null) {
                    parameterBlocks.add(b);
                }
            }
            residualBlocks.add(new ResidualBlock(label, term, loss, weight, blocks.clone()));
            return this;
        }

        /** Holds a block fixed during the solve; it gets no Jacobian columns. */
        public Builder setConstant(double[] block) {
            requireKnown(block);
            constant.put(block, Boolean.TRUE);
            return this;
        }

        /**
         * Box bounds {@code lower[i] ≤ block[i] ≤ upper[i]} (use ±infinity for a free entry). The
         * starting point is projected onto the box when the solve begins.
         */
        public Builder setBounds(double[] block, double[] lower, double[] upper) {
            requireKnown(block);
            if (lower == null || upper == null || lower.length != block.length || upper.length != block.length) {
                throw new ProblemDefinitionException("bounds must have the block's length " + block.length);
            }
            for (int i = 0; i < block.length; i++) {
                if (Double.isNaN(lower[i]) || Double.isNaN(upper[i]) || lower[i] > upper[i]) {
                    throw new ProblemDefinitionException("bad bounds at entry " + i + ": [" + lower[i] + ", " + upper[i] + "]");
                }
            }
            bounds.put(block, new double[][] {lower.clone(), upper.clone()});
            return this;
        }

        private void requireKnown(double[] block) {
            if (block == null || !known.containsKey(block)) {
                throw new ProblemDefinitionException("parameter block is not used by any term added so far");
            }
        }

        public Problem build() {
            if (residualBlocks.isEmpty()) {
                throw new ProblemDefinitionException("problem has no terms");
            }
            return new Problem(this);
        }
    }
}
