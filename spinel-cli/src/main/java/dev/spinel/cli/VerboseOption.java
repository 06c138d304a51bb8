package dev.spinel.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** {@code -v}: each step of a long command on stderr, with the time since the JVM started. */
final class VerboseOption {
    @Option(names = {"-v", "--verbose"}, description = "Print each step and the time since start on stderr.")
    boolean verbose;

    Consumer<String> steps(PrintWriter err) {
        return verbose ? step -> err.printf("  [%5d ms] %s%n", ManagementFactory.getRuntimeMXBean().getUptime(), step)
                : step -> { };
    }
}
