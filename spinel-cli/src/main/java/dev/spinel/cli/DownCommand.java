package dev.spinel.cli;

import dev.spinel.ops.form.Down;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop every node of the project by its PID (SHUTDOWN, then TERM, then KILL). Data is kept.")
final class DownCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Option(names = "--purge", description = "Also delete the project folder: data, configs, secrets.")
    boolean purge;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Down.Result result = Down.down(project.dir, purge);
        var out = spec.commandLine().getOut();
        result.stopped().forEach(line -> out.println("  " + line));
        out.println(result.purged() ? "Stopped and deleted " + project.dir.toAbsolutePath().normalize()
                : "Stopped; data kept in " + project.dir.toAbsolutePath().normalize());
        return 0;
    }
}
