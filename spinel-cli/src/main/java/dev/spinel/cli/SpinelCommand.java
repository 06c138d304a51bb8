package dev.spinel.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** The top-level command: only subcommands, which {@link Subcommands} registers. */
@Command(name = "spinel",
        mixinStandardHelpOptions = true,
        versionProvider = SpinelVersion.class,
        description = "Redis high availability as one tool: plans, starts and supervises real Redis topologies.",
        footer = {"", "Exit codes: 0 ok, 1 failed, 2 bad input, 3 blocked (needs a decision by hand), 4 bug."})
final class SpinelCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
