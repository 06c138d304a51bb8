package dev.spinel.cli;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.form.Rebalance;
import dev.spinel.ops.form.Scale;
import dev.spinel.ops.topology.SlotMoves;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {"Add or remove shards or replicas of a running cluster, online. New shards are started and "
                + "joined, then given a fair share of slots; removed shards (the last ones) are drained first, then "
                + "forgotten and stopped. New replicas join and sync; removed ones (the highest-numbered) hand over "
                + "first if they are primaries now. Shards added by an earlier scale have ports that follow the "
                + "replica count: a replica change drains them first and adds them again after. Run it again after "
                + "an interruption to finish."})
final class ScaleCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--shards", paramLabel = "N", description = "The number of shards wanted (3 at least).")
    Integer shards;

    @Option(names = "--replicas", paramLabel = "R", description = "Replicas wanted per shard.")
    Integer replicas;

    @Option(names = "--pipeline", paramLabel = "KEYS", defaultValue = "100",
            description = "Keys per MIGRATE (default ${DEFAULT-VALUE}).")
    int pipeline;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long new nodes may take to be ready (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--dry-run", description = "Print the nodes and slot moves and change nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (pipeline < 1) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, "--pipeline must be at least 1");
        }
        if (shards == null && replicas == null) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, "say what to scale: --shards N or --replicas R");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Rebalance.Options options = new Rebalance.Options(Map.of(), SlotMoves.DEFAULT_THRESHOLD_PERCENT, pipeline, dryRun);
        Scale.Request request = new Scale.Request(project.dir, Optional.ofNullable(shards),
                Optional.ofNullable(replicas), options, Duration.ofSeconds(timeoutSeconds), SpinelVersion.version(),
                verbose.steps(err));
        List<Scale.Request> steps = Scale.steps(request);
        for (int i = 0; i < steps.size(); i++) {
            Scale.Request step = steps.get(i);
            if (dryRun && i > 0) {
                // A later step's plan depends on the nodes the ones before add or remove.
                out.println("then: spinel scale " + step.shards().map(n -> "--shards " + n)
                        .or(() -> step.replicas().map(r -> "--replicas " + r)).orElseThrow()
                        + " (planned once the step before is done)");
                continue;
            }
            Scale.Result result;
            try (SlotProgress progress = new SlotProgress(err)) {
                result = Scale.run(step, progress);
            }
            print(out, err, result);
        }
        out.flush();
        return 0;
    }

    private void print(PrintWriter out, PrintWriter err, Scale.Result result) {
        String verb = dryRun ? "would " : "";
        if (!result.added().isEmpty()) {
            out.println(verb + (dryRun ? "start " : "started ") + String.join(", ", result.added()));
        }
        result.rebalance().ifPresent(moves -> RebalanceCommand.print(out, moves));
        if (!result.retired().isEmpty()) {
            out.println(verb + (dryRun ? "retire " : "retired ") + String.join(", ", result.retired()));
        }
        result.warnings().forEach(warning -> err.println("spinel scale: warning: " + warning));
        out.printf("%s %s: %d -> %d%n", dryRun ? "Would scale" : "Scaled", result.what(), result.from(), result.to());
    }
}
