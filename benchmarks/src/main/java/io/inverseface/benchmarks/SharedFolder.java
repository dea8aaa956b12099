package io.inverseface.benchmarks;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds material of {@code ../shared} (the evaluation data outside the repository) as the model resolver
 * does: walking up from the working directory, the first {@code D/<relative>} or {@code D/../<relative>}
 * that {@code holds} the expected files, so that benchmarks and tests work from the repository root and
 * from a module directory.
 */
public final class SharedFolder {

    private SharedFolder() {
    }

    public static Optional<Path> locate(Path relative, Predicate<Path> holds) {
        for (Path d = Paths.get("").toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            for (Path candidate : new Path[] {d.resolve(relative), d.resolve("..").resolve(relative)}) {
                if (holds.test(candidate)) {
                    return Optional.of(candidate.normalize());
                }
            }
        }
        return Optional.empty();
    }
}
