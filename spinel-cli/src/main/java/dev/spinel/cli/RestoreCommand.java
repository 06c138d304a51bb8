package dev.spinel.cli;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.backup.BackupMetadata;
import dev.spinel.ops.restore.Restores;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Replace the topology's data with a backup: verify it, stop the nodes, keep their folders as "
                + "a safety copy, start the primary on the backup's data (replicas resync from it), and check the "
                + "key counts.",
                "Any failure puts the safety copy back."})
final class RestoreCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The backup's id (see `spinel backups`).")
    String id;

    @Option(names = "--latest", description = "Restore the newest backup.")
    boolean latest;

    @Option(names = "--force", description = "Do not ask for confirmation.")
    boolean force;

    @Option(names = "--node", paramLabel = "NODE",
            description = {"Restore only the shard of this node (e.g. redis-7001; a replica names its primary's shard).",
                    "In a cluster the other shards keep their current data; with one primary it is the whole data set."})
    String node;

    @Option(names = "--backup-dir", paramLabel = "DIR", description = "Where backups are (default: <project>/backups).")
    Path backupDir;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Give up (and roll back) if the restored topology is not ready after this long (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    VerboseOption verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if ((id == null) == !latest) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, id == null
                    ? "name the backup to restore (its ID, see `spinel backups`) or pass --latest"
                    : "give a backup ID or --latest, not both");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> backups = Optional.ofNullable(backupDir);
        BackupMetadata backup = Restores.choose(project.dir, backups, Optional.ofNullable(id));
        if (!force) {
            confirm(backup, err);
        }
        Restores.Result result = Restores.restore(new Restores.Request(project.dir, backups, Optional.of(backup.id()),
                Optional.ofNullable(node), Duration.ofSeconds(timeoutSeconds), SpinelVersion.version(),
                verbose.steps(err)), Clock.systemUTC());
        result.recovered().ifPresent(note -> err.println("note: " + note));
        out.printf("Restored backup %s (%s, taken %s) in %d ms: %s %s %s%n", backup.id(), backup.mode(),
                backup.createdAt(), result.elapsed().toMillis(), result.primaries().stream().map(p -> p.name())
                        .collect(Collectors.joining(", ")),
                result.primaries().size() == 1 ? "holds" : "hold", result.keys());
        result.kept().forEach(kept -> out.println("  " + kept));
        out.println("  the data from before the restore: " + result.safetyCopy()
                + " (delete it once you no longer need it)");
        out.flush();
        return 0;
    }

    /** Asks on the terminal, as `rm -i` does: anything but "yes" (or end of input) touches nothing. */
    private void confirm(BackupMetadata backup, PrintWriter err) {
        err.printf("Restore backup %s (%d keys, %s, taken %s) over the data of %s of %s?%n"
                        + "The current node folders are kept as a safety copy. Type yes to go on: ", backup.id(),
                backup.totalKeys(), backup.mode(), backup.createdAt(),
                node == null ? "every node" : "the shard of " + node, project.dir.toAbsolutePath().normalize());
        err.flush();
        String answer;
        try {
            answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).equals("yes")) {
            throw new SpinelException(SpinelException.Kind.BLOCKED, "not confirmed, nothing was touched: answer yes,"
                    + " or pass --force");
        }
    }
}
