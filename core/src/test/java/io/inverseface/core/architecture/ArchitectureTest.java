package io.inverseface.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seams of docs/architecture.md as rules over the library's compiled classes (compute, optim, render,
 * data and core: everything on core's class path), so that a change which crosses one fails here rather
 * than in a review. Maven already keeps the module arrows one way; these rules hold inside the modules.
 * <p>
 * Not yet a rule: each module's root package and its subpackages still use each other (the façade and
 * value types such as {@code FaceParameters} sit in {@code io.inverseface.core} and the stages import
 * them), 76 cycles in all; the public-surface step of the seams issue moves them.
 */
class ArchitectureTest {

    private static JavaClasses library;

    @BeforeAll
    static void importLibrary() {
        library = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.inverseface");
        // Every module's classes, or the rules below would pass on nothing.
        for (String module : new String[] {"compute", "optim", "render", "data", "core"}) {
            assertThat(library.that(JavaClass.Predicates.resideInAPackage("io.inverseface." + module + ".."))).hasSizeGreaterThan(10);
        }
    }

    @Test
    void modulesAreFreeOfCycles() {
        slices().matching("io.inverseface.(*)..").should().beFreeOfCycles().check(library);
    }

    /** Slices such as {@code core.coarse}, {@code core.fit}, {@code optim.backend} (each with its subpackages). */
    @Test
    void subpackagesOfEachModuleAreFreeOfCycles() {
        slices().matching("io.inverseface.(*).(*)..").namingSlices("$1.$2").should().beFreeOfCycles().check(library);
    }

    /** Images are written by render.io; the image types never reach back into their writers. */
    @Test
    void renderRootDoesNotUseItsWriters() {
        noClasses().that().resideInAPackage("io.inverseface.render").should().dependOnClassesThat()
                .resideInAPackage("io.inverseface.render.io..").check(library);
    }

    /** Ceres' seam: the problem, its terms and the solver's front never see a device. */
    @Test
    void modellingKnowsNoDevice() {
        noClasses().that().haveNameMatching("io\\.inverseface\\.optim\\.(Problem|Term|ResidualBlock|Program|Solver)\\w*")
                .should().dependOnClassesThat().resideInAnyPackage("io.inverseface.compute..",
                        "io.inverseface.optim.backend.opencl..", "io.inverseface.optim.backend.cuda..",
                        "io.inverseface.optim.device..")
                .check(library);
    }

    /**
     * An energy builds terms from the fit's context and never touches a device; a term that has a kernel
     * offers it through {@code optim.device.DeviceTerm} alone.
     */
    @Test
    void energiesKnowNoDevice() {
        noClasses().that().haveSimpleNameEndingWith("Energy").or().haveSimpleName("FitContext")
                .should().dependOnClassesThat().resideInAnyPackage("io.inverseface.compute..",
                        "io.inverseface.optim.backend..")
                .check(library);
    }

    /** The renderer knows meshes, cameras, light and images, not faces or solvers. */
    @Test
    void renderKnowsNoFaceAndNoSolver() {
        noClasses().that().resideInAPackage("io.inverseface.render..").should().dependOnClassesThat()
                .resideInAnyPackage("io.inverseface.core..", "io.inverseface.optim..").check(library);
    }

    /**
     * The library logs through SLF4J. The one console writer is the model download's opt-in progress line
     * ({@code ModelDownloader}, {@code showProgress}), which a command line asks for.
     */
    @Test
    void libraryLogsThroughSlf4j() {
        noClasses().that().doNotHaveFullyQualifiedName("io.inverseface.data.model.ModelDownloader")
                .should(ACCESS_STANDARD_STREAMS).check(library);
        NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(library);
    }
}
