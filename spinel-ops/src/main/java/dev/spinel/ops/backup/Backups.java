package dev.spinel.ops.backup;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.monitor.NodeSample;
import dev.spinel.ops.monitor.Poller;
import dev.spinel.ops.monitor.Snapshot;
import dev.spinel.ops.monitor.WatchTarget;
import dev.spinel.ops.process.BinaryResolver;
import dev.spinel.ops.process.RedisBinary;
import dev.spinel.ops.project.ProjectDir;
import dev.spinel.ops.topology.Mode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * {@code spinel backup}: streams an RDB snapshot from a node of a running topology (a replica by
 * default in Sentinel mode, to spare the primary), proves it loads, and writes backup.json last.
 * A failure removes the partial backup and touches nothing else; retention runs only after a
 * backup succeeded.
 */
public final class Backups {
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(10);

    /** Where the snapshot comes from. */
    public enum From {
        AUTO, PRIMARY, REPLICA
    }

    /** What to back up and how. */
    public record Request(Path projectDir, Optional<Path> backupDir, Compression compression, From from, boolean verify,
                          int keep, Optional<Duration> maxAge, String spinelVersion, LongConsumer progress) {
    }

    /** The backup made, and what retention deleted after it. */
    public record Result(BackupMetadata metadata, Path folder, List<String> deleted, String notice) {
    }

    private Backups() {
    }

    public static BackupStore store(Path projectDir, Optional<Path> backupDir) {
        return new BackupStore(backupDir.orElseGet(() -> ProjectDir.open(projectDir).root().resolve("backups")));
    }

    public static Result take(Request request, Clock clock) {
        WatchTarget target = WatchTarget.ofProject(request.projectDir());
        if (target.expected().mode() == Mode.CLUSTER) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, "cluster backups are not built yet: back up each"
                    + " primary with `redis-cli --rdb` meanwhile; Spinel backs up standalone, replication and Sentinel"
                    + " topologies");
        }
        Snapshot snapshot;
        try (Poller poller = new Poller(target, Duration.ofSeconds(1), NODE_TIMEOUT, clock)) {
            snapshot = poller.pollOnce();
        }
        NodeSample primary = snapshot.dataNodes().stream().filter(NodeSample::isPrimary).findFirst().orElseThrow(() ->
                new SpinelException(SpinelException.Kind.FAILED, "no node of " + target.name() + " answers as primary: "
                        + "run `spinel status` to see why, then `spinel up`"));
        Choice choice = chooseSource(request.from(), target.expected().mode(), snapshot, primary);
        BackupStore store = store(request.projectDir(), request.backupDir());
        Instant started = clock.instant();
        Path folder = newFolder(store, started);
        BackupMetadata metadata;
        try {
            metadata = take(request, target, snapshot, choice.source(), store, folder, started, clock);
        } catch (RuntimeException | IOException | Error e) {
            BackupStore.delete(folder);
            if (e instanceof SpinelException spinel) {
                throw spinel;
            }
            throw new SpinelException(SpinelException.Kind.FAILED, "backup failed, and its partial files in " + folder
                    + " were removed: " + e.getMessage(), e);
        }
        // Only after a backup succeeded: a failing backup never costs an older one.
        return new Result(metadata, folder, store.applyRetention(request.keep(), request.maxAge().orElse(null),
                metadata.id(), clock.instant()), choice.notice());
    }

    private record Choice(NodeSample source, String notice) {
    }

    private static Choice chooseSource(From from, Mode mode, Snapshot snapshot, NodeSample primary) {
        Optional<NodeSample> replica = snapshot.dataNodes().stream()
                .filter(n -> n.isReplica() && "up".equals(n.info().masterLinkStatus().orElse("")))
                .min((a, b) -> Long.compare(snapshot.lagBytes(a), snapshot.lagBytes(b)));
        boolean wantReplica = from == From.REPLICA || (from == From.AUTO && mode == Mode.SENTINEL);
        if (!wantReplica) {
            return new Choice(primary, "");
        }
        if (replica.isPresent()) {
            return new Choice(replica.get(), "");
        }
        if (from == From.REPLICA) {
            throw new SpinelException(SpinelException.Kind.FAILED, "--from replica: no replica is up with its link to "
                    + "the primary up; back up from the primary with --from primary");
        }
        return new Choice(primary, "no replica is in sync, so the snapshot comes from the primary");
    }

    /** A backup's id: its start time in UTC to the second ({@code 20261123T194558Z}). */
    public static String idFor(Instant started) {
        return ID.format(started);
    }

    private static Path newFolder(BackupStore store, Instant started) {
        String id = idFor(started);
        Path folder = store.folder(id);
        for (int n = 2; Files.exists(folder); n++) {
            folder = store.folder(id + "-" + n);
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot create " + folder + ": " + e.getMessage(), e);
        }
        return folder;
    }

    private static BackupMetadata take(Request request, WatchTarget target, Snapshot snapshot, NodeSample source, BackupStore store,
                                       Path folder, Instant started, Clock clock) throws IOException {
        String file = source.node().name() + ".rdb" + request.compression().suffix();
        MessageDigest sha256 = sha256();
        RdbFetcher.Snapshot fetched;
        try (OutputStream out = request.compression().wrap(new DigestOutputStream(
                Files.newOutputStream(folder.resolve(file)), sha256))) {
            fetched = RdbFetcher.fetch(source.node().host(), source.node().port(),
                    Optional.ofNullable(target.password().get()), out,
                    NODE_TIMEOUT, request.progress());
        }
        RedisBinary binary = BinaryResolver.fromEnvironment(Optional.empty()).resolve();
        KeyCounts keys = request.verify()
                ? RdbLoadCheck.keysAfterLoading(binary, folder.resolve(file), request.compression())
                : new KeyCounts(source.info().keysPerDatabase(), source.info().expiresPerDatabase());
        BackupMetadata metadata = new BackupMetadata(BackupMetadata.FORMAT, folder.getFileName().toString(),
                started.toString(), "rdb", snapshot.expected().mode().id(), request.compression().id(),
                request.spinelVersion(), source.info().redisVersion(),
                new BackupMetadata.Source(source.node().name(), source.node().address(), source.role()),
                snapshot.dataNodes().stream().map(n -> new BackupMetadata.Node(n.node().name(), n.node().address(),
                        n.role())).toList(),
                new BackupMetadata.Replication(fetched.replicationId(), fetched.offset()), keys.keys(), keys.expires(),
                request.verify(),
                Duration.between(started, clock.instant()).toMillis(),
                List.of(new BackupMetadata.FileEntry(file, source.node().name(), Files.size(folder.resolve(file)),
                        fetched.bytes(), HexFormat.of().formatHex(sha256.digest()))));
        store.write(folder, metadata);
        return metadata;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
