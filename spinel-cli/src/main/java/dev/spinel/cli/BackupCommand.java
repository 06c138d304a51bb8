package dev.spinel.cli;

import dev.spinel.ops.Choices;
import dev.spinel.ops.SpinelException;
import dev.spinel.ops.backup.BackupMetadata;
import dev.spinel.ops.backup.Backups;
import dev.spinel.ops.backup.Compression;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "backup", mixinStandardHelpOptions = true, subcommands = BackupVerifyCommand.class,
        description = {"Back up the topology's data: an RDB snapshot streamed over the replication protocol (as "
                + "redis-cli --rdb does; a cluster's shards in parallel), loaded into a throwaway redis-server to "
                + "prove it restores, then backup.json."})
final class BackupCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Option(names = "--type", defaultValue = "rdb",
            description = "rdb (default: a snapshot streamed from the node), aof (a rewrite, then a copy of the AOF folder), or both.")
    String type;

    @Option(names = "--compress", defaultValue = "gzip",
            description = "gzip (default, level 1: readable everywhere), zstd (level 1: about 13%% smaller here at the same speed), or none.")
    String compress;

    @Option(names = "--from", defaultValue = "auto",
            description = "primary, replica, or auto (default: a replica in Sentinel and Cluster mode, to spare the primaries).")
    String from;

    @Option(names = "--backup-dir", paramLabel = "DIR", description = "Where backups go (default: <project>/backups).")
    Path backupDir;

    @Option(names = "--keep", defaultValue = "0", description = "Keep only the newest N backups (default 0: all).")
    int keep;

    @Option(names = "--retention-days", defaultValue = "0",
            description = "Delete backups older than N days (default 0: never). Applied after a successful backup only.")
    int retentionDays;

    @Option(names = "--no-verify", description = "Skip loading the backup into a throwaway redis-server.")
    boolean noVerify;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (keep < 0 || retentionDays < 0) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, "--keep and --retention-days cannot be negative");
        }
        Compression compression = Choices.of("--compress", compress, Compression.class);
        Backups.From source = Choices.of("--from", from, Backups.From.class);
        Backups.Type kind = Choices.of("--type", type, Backups.Type.class);
        PrintWriter out = spec.commandLine().getOut();
        Optional<Path> backups = Optional.ofNullable(backupDir);
        // The last backup's size is the best guess at this one's, for the progress line's ETA; without a
        // terminal there is no line, and no reason to read it (Jackson's first read: 0.1 s of a fresh JVM).
        boolean terminal = TerminalLine.isTerminal();
        OptionalLong expected = !terminal ? OptionalLong.empty() : Backups.store(project.dir, backups).newest()
                .map(last -> OptionalLong.of(last.files().stream().mapToLong(BackupMetadata.FileEntry::rdbBytes).sum()))
                .orElse(OptionalLong.empty());
        Backups.Result result;
        try (ByteProgress progress = new ByteProgress(spec.commandLine().getErr(), "streaming", expected, terminal)) {
            result = Backups.take(new Backups.Request(project.dir, backups, kind, compression, source, !noVerify, keep,
                    retentionDays > 0 ? Optional.of(Duration.ofDays(retentionDays)) : Optional.empty(),
                    SpinelVersion.version(), progress), Clock.systemUTC());
        }
        BackupMetadata backup = result.metadata();
        if (!result.notice().isEmpty()) {
            spec.commandLine().getErr().println("note: " + result.notice());
        }
        String from = backup.isCluster()
                ? backup.shards().size() + " shards in parallel (" + backup.shards().stream()
                .map(shard -> shard.source().node() + " " + shard.source().role() + " " + shard.slots())
                .collect(Collectors.joining(", ")) + ")"
                : backup.source().node() + " (" + backup.source().role() + ")";
        out.printf("Backup %s: %d keys%s from %s, %s in %d ms%n", backup.id(), backup.totalKeys(),
                backup.keysVerified() ? " (loaded and counted)" : "", from,
                BackupsCommand.size(backup.totalBytes()), backup.durationMillis());
        out.println("  in " + result.folder());
        result.deleted().forEach(id -> out.println("  retention deleted " + id));
        out.flush();
        return 0;
    }
}
