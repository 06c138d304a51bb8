package dev.spinel.cli;

import dev.spinel.ops.form.Up;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Print what `spinel up` would do with the same flags: nodes, configs, ordered actions. Changes nothing.")
final class PlanCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Mixin
    SpecOptions specOptions;

    @Option(names = "--no-configs", description = "Leave the rendered config files out.")
    boolean noConfigs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var plan = Up.plan(new Up.Request(project.dir, specOptions.file(), specOptions.draft(), Optional.empty(),
                Duration.ZERO, SpinelVersion.version(), step -> { }));
        PlanPrinter.print(plan, !noConfigs, spec.commandLine().getOut());
        return plan.isBlocked() ? ExitCodes.BLOCKED : 0;
    }
}
