package dev.spinel.cli;

import dev.spinel.ops.form.Replace;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "replace", mixinStandardHelpOptions = true,
        description = {"Swap a cluster node for a fresh one on the same port (new process, data folder and node "
                + "id).",
                "A primary first hands over to its most up-to-date replica (CLUSTER FAILOVER, no acknowledged write "
                + "lost); the cluster then forgets the node, it stops, and the fresh node joins as a replica and "
                + "syncs.",
                "The old folder is deleted only once the fresh node is in sync."})
final class ReplaceCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Mixin
    VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "NODE", description = "The node: its name (redis-7000) or address.")
    String node;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long the fresh node may take to be ready (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Replace.Result result = Replace.run(new Replace.Request(project.dir, node, Duration.ofSeconds(timeoutSeconds),
                SpinelVersion.version(), verbose.steps(err)));
        result.failedOverTo().ifPresent(successor -> out.println(result.node() + " handed its slots over to "
                + successor + " (CLUSTER FAILOVER)"));
        result.warnings().forEach(warning -> err.println("spinel replace: warning: " + warning));
        out.printf(Locale.ROOT, "Replaced %s: node id %s -> %s, in sync as a replica, in %.1f s%n", result.node(),
                result.oldId().substring(0, 8), result.newId().substring(0, 8), result.elapsed().toMillis() / 1000.0);
        out.flush();
        return 0;
    }
}
