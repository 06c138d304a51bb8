package dev.spinel.cli;

import dev.spinel.ops.Choices;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.spinel.client.lock.Durability;
import dev.spinel.ops.SpinelException;
import dev.spinel.ops.drill.DrillRound;
import dev.spinel.ops.drill.Drills;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "drill", mixinStandardHelpOptions = true,
        description = {"Prove failover: inject a fault (by default kill -9 of the primary; in a cluster each "
                + "shard's in turn) while writers record every acknowledged write, read them all back from the node "
                + "serving the data, bring the faulted node back, and report detection time, the unavailability "
                + "window and acknowledged writes lost."})
final class DrillCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Option(names = "--scenario", defaultValue = "kill-primary",
            description = {"kill-primary (kill -9), stop-primary (SIGSTOP until a new primary is named, then "
                    + "SIGCONT), kill-replica (kill -9 of a replica, back once the topology marks it down), "
                    + "kill-sentinel (kill -9 of one Sentinel, then of the primary: the other two must still fail "
                    + "over), or restart-all (SIGTERM to every node, then up), or partition-primary (its network "
                    + "link dropped until a new primary is named; needs a topology formed with --network "
                    + "namespaces, as root)."})
    String scenario;

    @Option(names = "--rounds", defaultValue = "1", description = "Rounds to run (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--durability",
            description = {"async (a write counts once Redis replied) or replicated (once WAIT confirms every replica).",
                    "Default: the topology's own durability (spinel.yaml)."})
    String durability;

    @Option(names = "--writers", defaultValue = "4", description = "Writer threads (default ${DEFAULT-VALUE}).")
    int writers;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "R",
            description = "Write attempts per second across all writers (default: as fast as they go).")
    int rate;

    @Option(names = "--json", description = "Print the rounds as JSON.")
    boolean json;

    @Mixin
    VerboseOption verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Drills.Scenario chosen = Choices.of("--scenario", scenario, Drills.Scenario.class);
        Durability mode = durability != null ? Choices.of("--durability", durability, Durability.class)
                : Drills.topologyDurability(project.dir);
        if (rounds < 1 || writers < 1) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, "--rounds and --writers must be at least 1");
        }
        if (rate < 0) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, "--rate must be at least 0 (0: as fast as they go),"
                    + " not " + rate);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<DrillRound> results = Drills.run(new Drills.Request(project.dir, chosen, rounds, mode, writers, rate,
                SpinelVersion.version()), verbose.steps(spec.commandLine().getErr()));
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results));
        } else {
            out.printf("%-5s %-14s %-10s %-14s %10s %10s %8s %8s %7s %6s  %s%n", "ROUND", "FAULTED", "DURABILITY",
                    "PRIMARY AFTER", "DETECT ms", "WRITES ms", "WRITES/s", "ACKED", "FAILED", "LOST", "FAULTED NODE NOW; TOPOLOGY");
            for (DrillRound round : results) {
                out.printf("%-5d %-14s %-10s %-14s %10d %10d %8d %8d %7d %6d  %s; %s%n", round.number(), round.victim(),
                        round.durability(), round.newPrimary(), round.detectionMillis(), round.writesBackMillis(),
                        round.writesPerSecond(), round.acknowledged(), round.failedWrites(), round.lost().size(),
                        round.oldPrimaryReturn(), round.healthAfter());
            }
        }
        out.flush();
        return results.stream().anyMatch(r -> !r.lost().isEmpty()) && mode == Durability.REPLICATED
                ? ExitCodes.FAILED : 0;
    }
}
