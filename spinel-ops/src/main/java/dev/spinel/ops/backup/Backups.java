package dev.spinel.ops.backup;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.monitor.NodeSample;
import dev.spinel.ops.monitor.Poller;
import dev.spinel.ops.monitor.Snapshot;
import dev.spinel.ops.monitor.WatchTarget;
import dev.spinel.ops.process.BinaryResolver;
import dev.spinel.ops.process.RedisBinary;
import dev.spinel.ops.project.ProjectDir;
import dev.spinel.ops.topology.SlotRange;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * {@code spinel backup}: streams RDB snapshots from a running topology (a replica by default in
 * Sentinel and Cluster mode, to spare the primaries; a cluster's shards in parallel, each to its
 * own file), proves each loads, and writes backup.json last. A failure of any part removes the
 * whole partial backup and touches nothing else; retention runs only after a backup succeeded.
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
        Snapshot snapshot;
        try (Poller poller = new Poller(target, Duration.ofSeconds(1), NODE_TIMEOUT, clock)) {
            snapshot = poller.pollOnce();
        }
        BackupSources.Choice choice = BackupSources.choose(request.from(), snapshot);
        BackupStore store = store(request.projectDir(), request.backupDir());
        Instant started = clock.instant();
        Path folder = newFolder(store, started);
        BackupMetadata metadata;
        try {
            metadata = take(request, target, snapshot, choice.parts(), store, folder, started, clock);
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
                metadata.id(), clock.instant()), String.join("; ", choice.notices()));
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

    /** One part's file as stored, and what the node said about its snapshot. */
    private record Fetched(BackupSources.Part part, String file, RdbFetcher.Snapshot snapshot, long storedBytes,
                           String sha256, KeyCounts keys) {
    }

    private static BackupMetadata take(Request request, WatchTarget target, Snapshot snapshot,
                                       List<BackupSources.Part> parts, BackupStore store, Path folder, Instant started,
                                       Clock clock) throws IOException {
        AtomicLong received = new AtomicLong();
        List<Fetched> fetched = fetchAll(request, target, parts, folder, bytes -> request.progress()
                .accept(received.addAndGet(bytes)));
        RedisBinary binary = BinaryResolver.fromEnvironment(Optional.empty()).resolve();
        List<Fetched> counted = new ArrayList<>();
        for (Fetched part : fetched) {
            KeyCounts keys = request.verify()
                    ? RdbLoadCheck.keysAfterLoading(binary, folder.resolve(part.file()), request.compression())
                    : new KeyCounts(part.part().source().info().keysPerDatabase(),
                    part.part().source().info().expiresPerDatabase());
            counted.add(new Fetched(part.part(), part.file(), part.snapshot(), part.storedBytes(), part.sha256(), keys));
        }
        boolean cluster = parts.getFirst().shard().isPresent();
        Fetched first = counted.getFirst();
        NodeSample firstSource = first.part().source();
        BackupMetadata metadata = new BackupMetadata(BackupMetadata.FORMAT, folder.getFileName().toString(),
                started.toString(), "rdb", snapshot.expected().mode().id(), request.compression().id(),
                request.spinelVersion(), firstSource.info().redisVersion(),
                cluster ? null : source(firstSource),
                snapshot.dataNodes().stream().map(n -> new BackupMetadata.Node(n.node().name(), n.node().address(),
                        n.role())).toList(),
                cluster ? null : new BackupMetadata.Replication(first.snapshot().replicationId(), first.snapshot().offset()),
                sum(counted, KeyCounts::keys), sum(counted, KeyCounts::expires), request.verify(),
                Duration.between(started, clock.instant()).toMillis(),
                counted.stream().map(f -> new BackupMetadata.FileEntry(f.file(), f.part().source().node().name(),
                        f.storedBytes(), f.snapshot().bytes(), f.sha256())).toList(),
                cluster ? counted.stream().map(Backups::shard).toList() : List.of());
        store.write(folder, metadata);
        return metadata;
    }

    /** Streams every part at once: a cluster's shards in parallel, each into its own file. */
    private static List<Fetched> fetchAll(Request request, WatchTarget target, List<BackupSources.Part> parts,
                                          Path folder, LongConsumer received) throws IOException {
        if (parts.size() == 1) {
            return List.of(fetch(request, target, parts.getFirst(), folder, received));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(parts.size())) {
            List<Future<Fetched>> running = new ArrayList<>();
            for (BackupSources.Part part : parts) {
                running.add(pool.submit(() -> fetch(request, target, part, folder, received)));
            }
            List<Fetched> fetched = new ArrayList<>();
            for (Future<Fetched> future : running) {
                fetched.add(future.get());
            }
            return fetched;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpinelException(SpinelException.Kind.FAILED, "interrupted while backing up", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new SpinelException(SpinelException.Kind.FAILED, "backup failed: " + e.getCause(), e.getCause());
        }
    }

    private static Fetched fetch(Request request, WatchTarget target, BackupSources.Part part, Path folder,
                                 LongConsumer received) throws IOException {
        NodeSample source = part.source();
        String file = source.node().name() + ".rdb" + request.compression().suffix();
        MessageDigest sha256 = sha256();
        RdbFetcher.Snapshot fetched;
        long[] last = {0};
        try (OutputStream out = request.compression().wrap(new DigestOutputStream(
                Files.newOutputStream(folder.resolve(file)), sha256))) {
            fetched = RdbFetcher.fetch(source.node().host(), source.node().port(),
                    Optional.ofNullable(target.password().get()), out, NODE_TIMEOUT, total -> {
                        received.accept(total - last[0]);
                        last[0] = total;
                    });
        }
        return new Fetched(part, file, fetched, Files.size(folder.resolve(file)), HexFormat.of().formatHex(sha256.digest()),
                null);
    }

    private static BackupMetadata.Source source(NodeSample node) {
        return new BackupMetadata.Source(node.node().name(), node.node().address(), node.role());
    }

    private static BackupMetadata.Shard shard(Fetched part) {
        BackupSources.Shard shard = part.part().shard().orElseThrow();
        NodeSample primary = part.part().primary();
        return new BackupMetadata.Shard(primary.node().name(), shard.nodeId(), primary.node().address(),
                shard.slots().stream().map(SlotRange::toString).toList(), source(part.part().source()),
                new BackupMetadata.Replication(part.snapshot().replicationId(), part.snapshot().offset()), part.file(),
                part.keys().keys());
    }

    private static Map<String, Long> sum(List<Fetched> parts, Function<KeyCounts, Map<String, Long>> counts) {
        Map<String, Long> total = new TreeMap<>();
        parts.forEach(part -> counts.apply(part.keys()).forEach((db, n) -> total.merge(db, n, Long::sum)));
        return total;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
