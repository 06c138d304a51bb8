package dev.spinel.cli;

import dev.spinel.ops.form.Down;
import dev.spinel.ops.form.Up;
import dev.spinel.ops.project.Secrets;
import dev.spinel.ops.restore.RestoreRecovery;
import dev.spinel.ops.topology.ConnectionStrings;
import dev.spinel.ops.topology.Plan;
import dev.spinel.ops.topology.PlannedNode;
import dev.spinel.ops.web.ConsoleServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the topology and form it; returns once it is ready.",
                "Run again at any time: a running topology is left as it is, a stopped node is started and put back."})
final class UpCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Mixin
    SpecOptions specOptions;

    @Option(names = "--redis-server", paramLabel = "PATH",
            description = "redis-server to run, or 'bundled' (default: $SPINEL_REDIS_SERVER, PATH, then bundled).")
    String redisServer;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Give up if not ready after this long (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--no-console", description = "Do not start the console (`spinel serve`) in the background.")
    boolean noConsole;

    @Option(names = "--console-port", paramLabel = "PORT", defaultValue = "" + ConsoleServer.DEFAULT_PORT,
            description = "Port of the console started in the background (default ${DEFAULT-VALUE}).")
    int consolePort;

    @Option(names = "--foreground", description = "Stay attached; Ctrl-C stops every node (data is kept).")
    boolean foreground;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // A restore killed half-way leaves its journal: its safety copy is the real data, put back first.
        RestoreRecovery.recoverIfInterrupted(project.dir).ifPresent(note -> err.println("note: " + note));
        Up.Result result = Up.up(new Up.Request(project.dir, specOptions.file(), specOptions.draft(),
                Optional.ofNullable(redisServer), Duration.ofSeconds(timeoutSeconds), SpinelVersion.version(),
                verbose.steps(err)));
        Plan plan = result.plan();
        plan.warnings().forEach(w -> err.println("warning: " + w));
        out.println(plan.isEmpty() ? "Already up: nothing to change." : "Ready in " + result.elapsed().toMillis()
                + " ms (" + plan.actions().size() + " steps, Redis " + result.binary().version() + " "
                + result.binary().source().name().toLowerCase() + ": " + result.binary().path() + ")");
        printSummary(plan, result, out);
        if (!noConsole && !foreground) {
            out.println();
            out.println(ConsoleStarter.start(result.project().root(), consolePort));
        }
        out.flush();
        if (foreground) {
            stayAttached(out);
        }
        return 0;
    }

    private void printSummary(Plan plan, Up.Result result, PrintWriter out) {
        out.println();
        for (PlannedNode node : plan.nodes()) {
            out.printf("  %-16s %-22s %s%n", node.name(), node.address(),
                    node.role().name().toLowerCase() + (node.slots().isEmpty() ? "" : " " + node.slots()));
        }
        out.println();
        out.println("Roles above are as planned; `spinel status` shows the live ones.");
        out.println("Password: " + new Secrets(result.project()).file() + " (print it with `spinel secret`)");
        out.println();
        ConnectionStrings.of(plan).forEach(line -> out.println("  " + line));
    }

    private void stayAttached(PrintWriter out) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Down.Result down = Down.down(project.dir, false);
            down.stopped().forEach(line -> System.out.println("  " + line));
        }, "spinel-foreground-stop"));
        out.println();
        out.println("Running in the foreground; Ctrl-C stops every node (data is kept).");
        out.flush();
        // Nothing to do but wait for Ctrl-C; the shutdown hook above stops the nodes.
        new CountDownLatch(1).await();
    }
}
