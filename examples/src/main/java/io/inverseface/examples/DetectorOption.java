package io.inverseface.examples;

import io.inverseface.core.landmarks.LandmarkDetector;
import io.inverseface.core.landmarks.LandmarkDetectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The {@code --detector NAME[:settings]} option of the commands: a bad name is a usage error (exit 2). */
final class DetectorOption {

    private DetectorOption() {
    }

    static LandmarkDetector parse(CommandSpec spec, String name) {
        try {
            return LandmarkDetectors.byName(name);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--detector: " + e.getMessage());
        }
    }
}
