package io.inverseface.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code inverseface} command line. Every failure ends in one line on stderr and a non-zero
 * exit code (2 for bad arguments, 1 for a failed run), never a stack trace; {@code --verbose}
 * on a subcommand adds the trace for bug reports.
 */
@Command(name = "inverseface",
        mixinStandardHelpOptions = true,
        versionProvider = InverseFaceCli.Version.class,
        description = "Reconstructs a detailed 3D face from one photograph by inverse rendering.",
        subcommands = {ReconstructCommand.class, LandmarksCommand.class, RenderCommand.class, BatchCommand.class, SynthCommand.class,
                ReportCommand.class, CommandLine.HelpCommand.class})
public final class InverseFaceCli {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this rather than {@link #main}). */
    public static int run(String... args) {
        return guarded(() -> newCommandLine().execute(args), System.err);
    }

    /**
     * Errors picocli does not handle (it catches exceptions only) become one line too: running out of
     * memory on a huge photo or batch says what to do instead of printing a stack trace.
     */
    static int guarded(java.util.function.IntSupplier command, java.io.PrintStream err) {
        try {
            return command.getAsInt();
        } catch (OutOfMemoryError e) {
            err.println("inverseface: error: out of memory (heap " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB); give Java more with INVERSEFACE_JAVA_OPTS=-Xmx8g, or use a smaller photo");
            return 1;
        } catch (StackOverflowError | ExceptionInInitializerError e) {
            err.println("inverseface: error: " + e);
            return 1;
        }
    }

    static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new InverseFaceCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true); // --backend cpu as well as CPU
        cli.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("inverseface: " + ex.getMessage()
                    + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            String message = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
            cmd.getErr().println("inverseface: error: " + message);
            if (verbose(parseResult)) {
                ex.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cli;
    }

    /** {@code --verbose} belongs to the subcommand, so look at every level of the parse. */
    private static boolean verbose(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = InverseFaceCli.class.getPackage().getImplementationVersion();
            return new String[] {"inverseface " + (v != null ? v : "development build")};
        }
    }
}
