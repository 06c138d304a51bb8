package dev.spinel.ops.restore;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.admin.ClusterNode;
import dev.spinel.ops.admin.InfoReply;
import dev.spinel.ops.backup.BackupMetadata;
import dev.spinel.ops.backup.BackupStore;
import dev.spinel.ops.backup.BackupVerifier;
import dev.spinel.ops.backup.Backups;
import dev.spinel.ops.backup.Compression;
import dev.spinel.ops.backup.KeyCounts;
import dev.spinel.ops.form.Down;
import dev.spinel.ops.form.Up;
import dev.spinel.ops.monitor.Poller;
import dev.spinel.ops.monitor.Snapshot;
import dev.spinel.ops.monitor.WatchTarget;
import dev.spinel.ops.process.BinaryResolver;
import dev.spinel.ops.process.ProcessRecord;
import dev.spinel.ops.process.RedisBinary;
import dev.spinel.ops.project.ProjectDir;
import dev.spinel.ops.project.Secrets;
import dev.spinel.ops.project.SpecLoader;
import dev.spinel.ops.project.WriterLock;
import dev.spinel.ops.topology.LayoutPlanner;
import dev.spinel.ops.topology.Mode;
import dev.spinel.ops.topology.SlotRange;
import dev.spinel.ops.topology.PlannedNode;
import dev.spinel.ops.topology.Spec;
import dev.spinel.ops.topology.SpecDraft;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code spinel restore}. The backup is verified first, and a cluster backup must fit the
 * cluster's slot map; then every node is stopped (Sentinels first, so none fails over), the node
 * folders are moved aside whole as the safety copy, each planned primary gets its RDB (a
 * cluster's shards each on the primary planned for its slots), and {@code up} forms the topology
 * afresh: replicas resync from their primary, Sentinels start from new configs naming it. The
 * primaries' key counts must match the backup's. A restore of one cluster shard does the same
 * with the other shards' current data copied back from the safety copy. Any failure puts the
 * safety copy back; a journal lets the next run do that when this one is killed.
 */
public final class Restores {
    /** Room left free on the project's disk beyond the restored RDB, so Redis can still write its AOF. */
    private static final long DISK_MARGIN_BYTES = 64L << 20;

    /**
     * What to restore, and where. {@code backupId} empty means the newest backup; {@code node}
     * empty means every shard, else only the shard of that node (in a cluster the others keep
     * their current data).
     */
    public record Request(Path projectDir, Optional<Path> backupDir, Optional<String> backupId, Optional<String> node,
                          Duration timeout, String spinelVersion, Consumer<String> progress) {
    }

    /**
     * @param recovered what was done about an earlier interrupted restore, if there was one
     * @param safetyCopy the node folders as they were before the restore
     * @param kept for a restore of one shard, the other shards' primaries, which kept their data
     */
    public record Result(BackupMetadata backup, List<PlannedNode> primaries, Map<String, Long> keys, Path safetyCopy,
                         List<String> kept, Optional<String> recovered, Duration elapsed) {
    }

    private Restores() {
    }

    /** The backup a restore would use, for the confirmation question; nothing is touched. */
    public static BackupMetadata choose(Path projectDir, Optional<Path> backupDir, Optional<String> backupId) {
        BackupStore store = Backups.store(projectDir, backupDir);
        if (backupId.isPresent()) {
            String id = backupId.get();
            return store.find(id).orElseThrow(() -> new SpinelException(SpinelException.Kind.BAD_INPUT,
                    Files.isDirectory(store.folder(id)) ? store.folder(id) + " has no readable " + BackupMetadata.FILE
                            + ": it is not a complete backup and cannot be restored"
                            : "no backup " + id + " in " + store.root() + " (see `spinel backups`)"));
        }
        return store.newest().orElseThrow(() -> new SpinelException(SpinelException.Kind.BAD_INPUT,
                "no backup in " + store.root() + " to restore: take one with `spinel backup`"));
    }

    public static Result restore(Request request, Clock clock) {
        long start = System.nanoTime();
        ProjectDir project = ProjectDir.open(request.projectDir());
        try (WriterLock lock = WriterLock.acquire(project, "restore")) {
            Optional<String> recovered = RestoreRecovery.recoverHolding(project);
            recovered.ifPresent(request.progress());
            BackupMetadata backup = choose(request.projectDir(), request.backupDir(), request.backupId());
            BackupStore store = Backups.store(request.projectDir(), request.backupDir());
            request.progress().accept("verifying backup " + backup.id());
            // A backup proven to load when it was taken needs only its checksums (a second load would double
            // the restore time); they take 0.2 s per 100 MiB, while the redis-server is found, the rest is
            // prepared and the nodes are connected to, all without touching anything.
            CompletableFuture<RedisBinary> binary = new CompletableFuture<>();
            CompletableFuture<BackupVerifier.Report> verifying = verifyInBackground(store, backup.id(), binary);
            try {
                binary.complete(BinaryResolver.fromEnvironment(Optional.empty()).resolve());
            } catch (RuntimeException e) {
                binary.completeExceptionally(e);
                throw e;
            }
            Plan plan = Plan.of(project, backup, request.node(), clock);
            Spec spec = plan.spec();
            List<RestoreTargets.Target> targets = plan.targets();
            List<Carry> carried = plan.carried();
            try (AdminSession admin = new AdminSession(new Secrets(project).password())) {
                connectRunning(admin, project, plan.layout());
                BackupVerifier.Report report = joined(verifying);
                if (!report.ok()) {
                    throw new SpinelException(SpinelException.Kind.FAILED, "backup " + backup.id() + " cannot be restored,"
                            + " nothing was touched:\n  " + String.join("\n  ", report.problems()));
                }
                request.progress().accept("backup " + backup.id() + " is sound; stopping the nodes");
                // A one-shard restore copies the other shards' current data instead: about as much again.
                checkDiskSpace(project, backup.files().stream().mapToLong(BackupMetadata.FileEntry::rdbBytes).sum());
                Instant started = clock.instant();
                RestoreJournal journal = new RestoreJournal(backup.id(), started.toString(),
                        "restore/" + Backups.idFor(started), "stopping the nodes");
                journal.write(project);
                // Slots a rebalance had moved before the backup: the cluster is formed with the backup's map.
                Map<String, List<SlotRange>> formingSlots = targets.stream().filter(RestoreTargets.Target::movesSlots)
                        .collect(Collectors.toMap(target -> target.primary().name(), RestoreTargets.Target::slots));
                Up.Request up = Up.Request.again(project.root(), request.timeout(), request.spinelVersion(),
                        request.progress()).formingWith(formingSlots);
                boolean wasRunning = false;
                try {
                    List<String> stopped = Down.stopNodes(project, admin);
                    stopped.forEach(request.progress());
                    wasRunning = stopped.stream().anyMatch(line -> !line.endsWith(": not running"));
                    moveAside(project, journal);
                    journal.at("placing the backup").write(project);
                    for (RestoreTargets.Target target : targets) {
                        DataPlacement.place(store.folder(backup.id()).resolve(target.file()),
                                Compression.of(backup.compression()), Path.of(project.paths(target.primary().name()).dataDir()),
                                spec.settings());
                    }
                    for (Carry carry : carried) {
                        Path from = Path.of(project.paths(carry.from()).dataDir());
                        DataPlacement.carry(journal.safetyNodes(project).resolve(project.nodesDir().relativize(from)),
                                Path.of(project.paths(carry.to().name()).dataDir()), spec.settings());
                    }
                    journal.at("starting the topology").write(project);
                    Up.upHolding(lock, up);
                    List<PlannedNode> primaries = targets.stream().map(RestoreTargets.Target::primary).toList();
                    Map<String, Long> keys = checkKeys(project, primaries, request.node().isEmpty() ? report.loaded()
                            : targets.getFirst().keys());
                    RestoreJournal.delete(project);
                    return new Result(backup, primaries, keys, journal.safetyNodes(project),
                            carried.stream().map(Carry::describe).toList(), recovered,
                            Duration.ofNanos(System.nanoTime() - start));
                } catch (RuntimeException | IOException e) {
                    // The old data gets its own time to load: the restore's timeout may be what just ran out.
                    Up.Request restart = Up.Request.again(project.root(),
                            Up.DEFAULT_TIMEOUT.compareTo(request.timeout()) > 0 ? Up.DEFAULT_TIMEOUT : request.timeout(),
                            request.spinelVersion(), request.progress());
                    throw rolledBack(project, journal, backup, e, wasRunning ? () -> Up.upHolding(lock, restart) : null);
                }
            }
        }
    }

    /** The verification's report, or what it threw. */
    private static BackupVerifier.Report joined(CompletableFuture<BackupVerifier.Report> verifying) {
        try {
            return verifying.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Checks the backup's files on a thread of its own; not loaded again (see the caller). */
    private static CompletableFuture<BackupVerifier.Report> verifyInBackground(BackupStore store, String id,
                                                                              CompletableFuture<RedisBinary> binary) {
        return CompletableFuture.supplyAsync(() -> BackupVerifier.verify(store, id, binary::join, false), runnable -> {
            Thread thread = new Thread(runnable, "spinel-restore-verify");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /**
     * Connects to every node whose process runs, so that stopping them later costs no connection
     * set-up (its first run in a fresh JVM). A node that does not answer is left to the stop,
     * which falls back to signals.
     */
    private static void connectRunning(AdminSession admin, ProjectDir project, List<PlannedNode> layout) {
        for (PlannedNode node : layout) {
            if (ProcessRecord.read(project.processRecord(node.name())).flatMap(ProcessRecord::live).isPresent()) {
                try {
                    admin.node(node.host(), node.port()).ping();
                } catch (RuntimeException e) {
                    admin.forget(node.host(), node.port());
                }
            }
        }
    }

    /** The running cluster's primaries that serve slots, or empty when no node answers. */
    private static Optional<List<ClusterNode>> livePrimaries(ProjectDir project, Clock clock) {
        Snapshot snapshot = Poller.once(WatchTarget.ofProject(project.root()), Duration.ofSeconds(5), clock);
        List<ClusterNode> primaries = snapshot.dataNodes().stream()
                .flatMap(node -> node.clusterNodes().stream())
                .filter(node -> node.isPrimary() && !node.isFailing() && !node.slots().isEmpty())
                .collect(Collectors.toMap(ClusterNode::id, node -> node, (a, b) -> a))
                .values().stream().toList();
        return primaries.isEmpty() ? Optional.empty() : Optional.of(primaries);
    }

    /**
     * What a restore will do, read from the spec (and, for a cluster, its live slot map) without
     * touching anything: the layout, the shards whose data it replaces, and those that keep theirs.
     */
    private record Plan(Spec spec, List<PlannedNode> layout, List<RestoreTargets.Target> targets, List<Carry> carried) {
        static Plan of(ProjectDir project, BackupMetadata backup, Optional<String> node, Clock clock) {
            Spec spec = SpecLoader.load(project.root(), Optional.empty(), SpecDraft.empty()).resolved().spec();
            List<PlannedNode> layout = LayoutPlanner.layout(spec);
            Optional<List<ClusterNode>> live = spec.mode() == Mode.CLUSTER ? livePrimaries(project, clock)
                    : Optional.empty();
            List<RestoreTargets.Target> all = node.isEmpty() ? RestoreTargets.whole(backup, spec, layout)
                    : RestoreTargets.of(backup, spec, layout, live.map(nodes -> nodes.stream().map(ClusterNode::slots)
                    .toList()));
            List<RestoreTargets.Target> targets = node.map(name -> List.of(RestoreTargets.forNode(all, layout, name)))
                    .orElse(all);
            List<Carry> carried = all.stream().filter(target -> !targets.contains(target))
                    .map(target -> Carry.of(target.primary(), layout, live.orElse(List.of()))).toList();
            return new Plan(spec, layout, targets, carried);
        }
    }

    /**
     * A shard left out of a one-shard restore: its data is copied from the node that serves its
     * slots now ({@code from}: after a failover that is the planned replica) to its planned
     * primary ({@code to}), on which {@code up} forms it again.
     */
    private record Carry(PlannedNode to, String from) {
        static Carry of(PlannedNode planned, List<PlannedNode> layout, List<ClusterNode> live) {
            String from = live.stream().filter(node -> SlotRange.sameSlots(node.slots(), planned.slots()))
                    .flatMap(node -> layout.stream().filter(n -> n.isData() && n.address().equals(node.address())))
                    .map(PlannedNode::name).findFirst().orElse(planned.name());
            return new Carry(planned, from);
        }

        String describe() {
            return to.name() + " " + to.slots() + " kept its data" + (from.equals(to.name()) ? "" : " (from " + from + ")");
        }
    }

    private static void checkDiskSpace(ProjectDir project, long rdbBytes) {
        try {
            long usable = Files.getFileStore(project.root()).getUsableSpace();
            if (usable < rdbBytes + DISK_MARGIN_BYTES) {
                throw new SpinelException(SpinelException.Kind.FAILED, "not enough free space on the disk of "
                        + project.root() + ": the restored data needs " + (rdbBytes >> 20) + " MiB plus "
                        + (DISK_MARGIN_BYTES >> 20) + " MiB to spare, " + (usable >> 20) + " MiB are free;"
                        + " nothing was touched");
            }
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot read the free space of " + project.root()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Moves the whole node folders aside: one rename, so the safety copy costs no time and no space. */
    private static void moveAside(ProjectDir project, RestoreJournal journal) throws IOException {
        Path safety = journal.safetyNodes(project);
        Files.createDirectories(safety.getParent());
        if (Files.isDirectory(project.nodesDir())) {
            Files.move(project.nodesDir(), safety, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.createDirectories(safety);
        }
    }

    /** The restored primaries' keys per database, together: they must be the backup's. */
    private static Map<String, Long> checkKeys(ProjectDir project, List<PlannedNode> primaries, KeyCounts expected) {
        KeyCounts live = new KeyCounts(Map.of(), Map.of());
        try (AdminSession admin = new AdminSession(new Secrets(project).password())) {
            for (PlannedNode primary : primaries) {
                InfoReply keyspace = admin.node(primary.host(), primary.port()).info("keyspace");
                live = live.plus(new KeyCounts(keyspace.keysPerDatabase(), keyspace.expiresPerDatabase()));
            }
        }
        List<String> mismatches = expected.mismatches(live.keys());
        if (!mismatches.isEmpty()) {
            throw new SpinelException(SpinelException.Kind.FAILED, "the restored "
                    + primaries.stream().map(PlannedNode::name).collect(Collectors.joining(", "))
                    + " do not hold the backup's keys: " + String.join("; ", mismatches));
        }
        return live.keys();
    }

    /**
     * Puts the old node folders back and, when the topology was running before, starts it again
     * ({@code restart}; null when it was down). The exception says what failed and where the data is.
     */
    private static SpinelException rolledBack(ProjectDir project, RestoreJournal journal, BackupMetadata backup,
                                              Exception cause, Runnable restart) {
        String why = cause.getMessage();
        String account;
        try {
            account = RestoreRecovery.rollBack(project, journal);
        } catch (RuntimeException rollback) {
            cause.addSuppressed(rollback);
            return new SpinelException(SpinelException.Kind.FAILED, "restore of " + backup.id() + " failed (" + why
                    + "), and so did its rollback: " + rollback.getMessage(), cause);
        }
        String state = "it was not running before, so it is not started";
        if (restart != null) {
            try {
                restart.run();
                state = "it runs again with that data";
            } catch (RuntimeException upFailed) {
                cause.addSuppressed(upFailed);
                state = "starting it again failed (" + upFailed.getMessage() + "); run `spinel up`";
            }
        }
        return new SpinelException(SpinelException.Kind.FAILED, "restore of " + backup.id() + " failed: " + why
                + "\nRolled back: " + account + "; " + state + ".", cause);
    }
}
