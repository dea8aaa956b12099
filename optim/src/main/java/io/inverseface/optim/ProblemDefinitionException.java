package io.inverseface.optim;

/** A {@link Problem} was built from inconsistent pieces (wrong block sizes, bad bounds, unknown block...). */
public class ProblemDefinitionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ProblemDefinitionException(String message) {
        super(message);
    }
}
