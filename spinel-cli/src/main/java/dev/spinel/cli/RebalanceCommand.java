package dev.spinel.cli;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.form.Rebalance;
import dev.spinel.ops.topology.SlotMoves;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rebalance", mixinStandardHelpOptions = true,
        description = {"Even out a running cluster's slots over its primaries, moving as few as possible, online:",
                "each slot migrates with SETSLOT IMPORTING/MIGRATING and MIGRATE batches while clients follow ASK.",
                "A slot an interrupted run left half moved is finished first."})
final class RebalanceCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--weight", paramLabel = "NODE=W",
            description = "A primary's weight (node name or address); others weigh 1, 0 drains one. Repeatable.")
    Map<String, Double> weights = new LinkedHashMap<>();

    @Option(names = "--threshold", paramLabel = "PERCENT", defaultValue = "" + SlotMoves.DEFAULT_THRESHOLD_PERCENT,
            description = "Leave the cluster alone when every primary is within this of its share (default ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--pipeline", paramLabel = "KEYS", defaultValue = "100",
            description = "Keys per MIGRATE (default ${DEFAULT-VALUE}).")
    int pipeline;

    @Option(names = "--dry-run", description = "Print the slot moves and change nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (pipeline < 1 || threshold < 0) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, "--pipeline must be at least 1, --threshold at least 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Rebalance.Result result;
        try (SlotProgress progress = new SlotProgress(err)) {
            result = Rebalance.run(project.dir, new Rebalance.Options(weights, threshold, pipeline, dryRun), progress,
                    line -> err.println(line));
        }
        print(out, result);
        return 0;
    }

    static void print(PrintWriter out, Rebalance.Result result) {
        if (result.plan().moves().isEmpty()) {
            out.println("Balanced: every primary is within the threshold of its share; nothing to move.");
        } else {
            result.moveLines().forEach(line -> out.println((result.dryRun() ? "would move " : "moved ") + line));
        }
        if (!result.dryRun() && result.plan().slotsMoved() > 0) {
            double seconds = Math.max(result.elapsed().toMillis() / 1000.0, 0.001);
            out.printf(Locale.ROOT, "Moved %,d slots and %,d keys in %.1f s (%,.0f keys/s)%n",
                    result.plan().slotsMoved(), result.keysMoved(), seconds, result.keysMoved() / seconds);
        }
        out.flush();
    }
}
