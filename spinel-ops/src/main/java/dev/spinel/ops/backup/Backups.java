package dev.spinel.ops.backup;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.admin.InfoReply;
import dev.spinel.ops.admin.NodeAdmin;
import dev.spinel.ops.monitor.NodeSample;
import dev.spinel.ops.monitor.Poller;
import dev.spinel.ops.monitor.Snapshot;
import dev.spinel.ops.monitor.WatchTarget;
import dev.spinel.ops.process.BinaryResolver;
import dev.spinel.ops.process.RedisBinary;
import dev.spinel.ops.project.DurableFiles;
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

    /** What a backup holds: an RDB snapshot per part, a copy of the AOF, or both. */
    public enum Type {
        RDB, AOF, BOTH;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        boolean rdb() {
            return this != AOF;
        }

        boolean aof() {
            return this != RDB;
        }
    }

    /** What to back up and how. */
    public record Request(Path projectDir, Optional<Path> backupDir, Type type, Compression compression, From from,
                          boolean verify, int keep, Optional<Duration> maxAge, String spinelVersion,
                          LongConsumer progress) {
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
        Snapshot snapshot = Poller.once(target, NODE_TIMEOUT, clock);
        BackupSources.Choice choice = BackupSources.choose(request.from(), snapshot);
        BackupStore store = store(request.projectDir(), request.backupDir());
        Instant started = clock.instant();
        Path folder = newFolder(store, started);
        BackupMetadata metadata;
        try {
            metadata = take(request, target, snapshot, choice.parts(), store, folder, started, clock);
        } catch (RuntimeException | IOException | Error e) {
            BackupStore.delete(folder);
            throw new SpinelException(e instanceof SpinelException spinel ? spinel.kind() : SpinelException.Kind.FAILED,
                    "backup failed, and its partial files in " + folder + " were removed: " + e.getMessage(), e);
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

    /**
     * One part of the backup as stored: an RDB file, or an AOF folder of several files.
     *
     * @param name the RDB file's name, or the AOF folder's
     */
    private record Fetched(BackupSources.Part part, String name, BackupMetadata.Replication replication,
                           List<BackupMetadata.FileEntry> files, KeyCounts keys) {
        Fetched counted(KeyCounts counts) {
            return new Fetched(part, name, replication, files, counts);
        }
    }

    private static BackupMetadata take(Request request, WatchTarget target, Snapshot snapshot,
                                       List<BackupSources.Part> parts, BackupStore store, Path folder, Instant started,
                                       Clock clock) throws IOException {
        AtomicLong received = new AtomicLong();
        List<Fetched> rdb = request.type().rdb() ? fetchAll(request, target, parts, folder, bytes -> request.progress()
                .accept(received.addAndGet(bytes))) : List.of();
        List<Fetched> aof = new ArrayList<>();
        if (request.type().aof()) {
            try (AdminSession admin = new AdminSession(() -> target.password().get())) {
                for (BackupSources.Part part : parts) {
                    aof.add(copyAof(request, admin, part, folder));
                }
            }
        }
        // Keys are counted on one kind: the RDB when there is one (both hold the same data).
        List<Fetched> counted = new ArrayList<>();
        // Resolving the binary runs it (redis-server --version): only a verification load needs it.
        RedisBinary binary = request.verify() ? BinaryResolver.fromEnvironment(Optional.empty()).resolve() : null;
        for (Fetched part : rdb.isEmpty() ? aof : rdb) {
            NodeSample source = part.part().source();
            KeyCounts keys = !request.verify()
                    ? new KeyCounts(source.info().keysPerDatabase(), source.info().expiresPerDatabase())
                    : rdb.isEmpty() ? RdbLoadCheck.keysAfterLoadingAof(binary, folder.resolve(part.name()),
                    request.compression())
                    : RdbLoadCheck.keysAfterLoading(binary, folder.resolve(part.name()), request.compression());
            counted.add(part.counted(keys));
        }
        boolean cluster = parts.getFirst().shard().isPresent();
        Fetched first = counted.getFirst();
        NodeSample firstSource = first.part().source();
        List<BackupMetadata.FileEntry> files = new ArrayList<>();
        rdb.forEach(part -> files.addAll(part.files()));
        aof.forEach(part -> files.addAll(part.files()));
        BackupMetadata metadata = new BackupMetadata(BackupMetadata.FORMAT, folder.getFileName().toString(),
                started.toString(), request.type().id(), snapshot.expected().mode().id(), request.compression().id(),
                request.spinelVersion(), firstSource.info().redisVersion(),
                cluster ? null : source(firstSource),
                snapshot.dataNodes().stream().map(n -> new BackupMetadata.Node(n.node().name(), n.node().address(),
                        n.role())).toList(),
                cluster ? null : first.replication(),
                sum(counted, KeyCounts::keys), sum(counted, KeyCounts::expires), request.verify(),
                Duration.between(started, clock.instant()).toMillis(), files,
                cluster ? counted.stream().map(Backups::shard).toList() : List.of());
        // The parts' names reach the disk before backup.json, which vouches for them, is written.
        DurableFiles.syncDirectory(folder);
        rdb.forEach(part -> syncPartFolder(folder, part));
        aof.forEach(part -> syncPartFolder(folder, part));
        store.write(folder, metadata);
        return metadata;
    }

    /** A rewrite, then the node's AOF folder copied: its replication offset is the node's after the copy. */
    private static Fetched copyAof(Request request, AdminSession admin, BackupSources.Part part, Path folder)
            throws IOException {
        NodeSample source = part.source();
        NodeAdmin node = admin.node(source.node().host(), source.node().port());
        String name = source.node().name() + ".aof";
        List<BackupMetadata.FileEntry> files = AofCopier.copy(node, source.node().name(), folder, name,
                request.compression());
        InfoReply replication = node.info("replication");
        return new Fetched(part, name, new BackupMetadata.Replication(replication.field("master_replid").orElse(""),
                replication.number("master_repl_offset")), files, null);
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
                DurableFiles.create(folder.resolve(file)), sha256))) {
            fetched = RdbFetcher.fetch(source.node().host(), source.node().port(),
                    Optional.ofNullable(target.password().get()), out, NODE_TIMEOUT, total -> {
                        received.accept(total - last[0]);
                        last[0] = total;
                    });
        }
        BackupMetadata.FileEntry entry = new BackupMetadata.FileEntry(file, source.node().name(),
                Files.size(folder.resolve(file)), fetched.bytes(), HexFormat.of().formatHex(sha256.digest()));
        return new Fetched(part, file, new BackupMetadata.Replication(fetched.replicationId(), fetched.offset()),
                List.of(entry), null);
    }

    /** An AOF part is a folder of its own: its entries are synced too. */
    private static void syncPartFolder(Path folder, Fetched part) {
        Path stored = folder.resolve(part.name());
        if (Files.isDirectory(stored)) {
            try {
                DurableFiles.syncDirectory(stored);
            } catch (IOException e) {
                throw new SpinelException(SpinelException.Kind.FAILED, "cannot flush " + stored + " to disk: "
                        + e.getMessage(), e);
            }
        }
    }

    private static BackupMetadata.Source source(NodeSample node) {
        return new BackupMetadata.Source(node.node().name(), node.node().address(), node.role());
    }

    private static BackupMetadata.Shard shard(Fetched part) {
        BackupSources.Shard shard = part.part().shard().orElseThrow();
        NodeSample primary = part.part().primary();
        return new BackupMetadata.Shard(primary.node().name(), shard.nodeId(), primary.node().address(),
                shard.slots().stream().map(SlotRange::toString).toList(), source(part.part().source()),
                part.replication(), part.name(), part.keys().keys(), part.keys().expires());
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
