package dev.spinel.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** The top-level command: only subcommands. */
@Command(name = "spinel",
        mixinStandardHelpOptions = true,
        versionProvider = SpinelVersion.class,
        description = "Redis high availability as one tool: plans, starts and supervises real Redis topologies.",
        subcommands = {
                UpCommand.class,
                PlanCommand.class,
                StatusCommand.class,
                SecretCommand.class,
                DownCommand.class,
                ServeCommand.class,
                CheckCommand.class,
                ExportCommand.class,
                BackupCommand.class,
                BackupsCommand.class,
                RestoreCommand.class,
                DrillCommand.class,
                DoctorCommand.class,
                AutoComplete.GenerateCompletion.class,
                TrainCommand.class
        },
        footer = {"", "Exit codes: 0 ok, 1 failed, 2 bad input, 3 blocked (needs a decision by hand), 4 bug."})
final class SpinelCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
