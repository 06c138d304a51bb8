package dev.spinel.cli;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.project.ProjectDir;
import dev.spinel.ops.project.Secrets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "secret", mixinStandardHelpOptions = true,
        description = {"Print the topology's password, for scripts:",
                "  REDISCLI_AUTH=$(spinel secret) redis-cli -p 6379 ping",
                "Data nodes and Sentinels take the same password."})
final class SecretCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Secrets secrets = new Secrets(ProjectDir.open(project.dir));
        if (!secrets.exists()) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT,
                    "no password yet in " + secrets.file() + ": run `spinel up` first");
        }
        spec.commandLine().getOut().println(secrets.password());
        return 0;
    }
}
