package io.inverseface.core.fit;

import io.inverseface.optim.Loss;
import io.inverseface.optim.Term;
import java.util.List;
import java.util.Objects;

/**
 * An optimisation {@link Term} bound to the face's parameter blocks, with its weight and optional robust
 * loss: what a {@link FaceEnergy} hands the fitter. {@code blocks} lists, in the term's block order, which
 * face block each of its parameter blocks is.
 */
public record FaceTerm(Term term, List<FaceBlock> blocks, double weight, Loss loss) {

    public FaceTerm {
        Objects.requireNonNull(term, "term");
        blocks = List.copyOf(blocks);
        if (blocks.size() != term.blockSizes().length) {
            throw new IllegalArgumentException("term '" + term.name() + "' reads " + term.blockSizes().length
                    + " blocks but " + blocks.size() + " face blocks were named");
        }
        if (!(weight >= 0) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException("weight must be finite and >= 0, got " + weight);
        }
    }

    public static FaceTerm of(Term term, double weight, FaceBlock... blocks) {
        return new FaceTerm(term, List.of(blocks), weight, null);
    }
}
