package dev.spinel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spinel.client.connect.SpinelClient;
import dev.spinel.client.warm.CacheWarmer;
import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.audit.Audits;
import dev.spinel.ops.backup.Backups;
import dev.spinel.ops.backup.Compression;
import dev.spinel.ops.form.Down;
import dev.spinel.ops.form.Up;
import dev.spinel.ops.monitor.ClientUri;
import dev.spinel.ops.monitor.WatchTarget;
import dev.spinel.ops.process.PortCheck;
import dev.spinel.ops.project.Trees;
import dev.spinel.ops.restore.Restores;
import dev.spinel.ops.status.StatusReader;
import dev.spinel.ops.topology.SpecDraft;
import dev.spinel.ops.warm.WarmFile;
import dev.spinel.ops.warm.Warming;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Hidden: the workload bin/spinel records the JVM's class cache from (an AOT cache on JDK 25,
 * a CDS archive before), right after building the jar. It plans every mode, then brings a small
 * Sentinel topology up on free loopback ports, reads its status, backs it up, restores that backup,
 * with {@code --toolkit} writes a key through the toolkit's client, warms and audits a small
 * cluster, and purges both, so the cache holds what up, status, backup, restore, down (and the
 * toolkit's commands) load. Without a usable
 * redis-server it only plans, and tries a connection to a closed port to load the connect path.
 */
@Command(name = TrainCommand.NAME, hidden = true)
final class TrainCommand implements Callable<Integer> {
    static final String NAME = "__train";
    /**
     * Entries the training warm loads: enough to load the warm's classes, too few for the JIT to
     * compile its loops. The cache is recorded with C1 alone, and a method compiled while training
     * is compiled at that level again from the cache and never by C2: a warm of 50,000 entries left
     * the reading and encoding loops of every later warm as C1 code (the load 3 to 13% slower).
     */
    private static final int TRAINING_ENTRIES = 3;

    @Option(names = "--toolkit", description = "Also write a key through the toolkit's client, and warm and audit a"
            + " cluster, for the cache of warm, audit and drill.")
    boolean toolkit;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("spinel-train");
        try {
            for (String mode : new String[] {"sentinel", "cluster", "replication", "standalone"}) {
                SpecDraft flags = new SpecDraft(null, mode, null, null, null, null, null, null, null, null);
                Up.plan(request(dir.resolve("plans"), flags));
            }
            Path project = dir.resolve("live");
            try {
                int base = freeBlock(2);
                int sentinel = freeBlock(1);
                SpecDraft small = new SpecDraft(null, "sentinel", null, null, 1, base, null, null, null,
                        new SpecDraft.SentinelDraft(1, 1, null, sentinel));
                Up.up(request(project, small));
                new ObjectMapper().writeValueAsString(StatusReader.read(project));
                // A backup (with its poll) too, so `spinel backup` and `spinel check` start from the cache,
                // and its restore, so `spinel restore` does (reading backup.json, checksums, the restart).
                Backups.Result backup = Backups.take(new Backups.Request(project, Optional.empty(), Backups.Type.RDB,
                        Compression.GZIP, Backups.From.AUTO, false, 0, Optional.empty(), SpinelVersion.version(),
                        bytes -> { }), Clock.systemUTC());
                Restores.restore(new Restores.Request(project, Optional.empty(), Optional.of(backup.metadata().id()),
                        Optional.empty(), Duration.ofSeconds(30), SpinelVersion.version(), step -> { }), Clock.systemUTC());
                if (toolkit) {
                    // The toolkit's client (Lettuce), which warm, audit and drill use: the commands' own
                    // connections are Jedis's and load none of it.
                    try (SpinelClient client = SpinelClient.create(ClientUri.of(WatchTarget.ofProject(project)))) {
                        client.sync().set("spinel:train", "1");
                    }
                    warmAndAuditACluster(dir.resolve("cluster"));
                }
            } catch (RuntimeException noRedis) {
                refusedConnect();
            } finally {
                if (Files.exists(project.resolve("project.properties"))) {
                    Down.down(project, true);
                }
            }
            return 0;
        } finally {
            Trees.delete(dir);
        }
    }

    /**
     * A warm of a file into a small cluster, then an audit of it: the toolkit's commands are most
     * often run against a cluster, whose client (topology, partitions, one connection per node),
     * file reader and warmer would otherwise be loaded and linked from the jar on every run, about
     * a seventh of a second of a warm's start.
     */
    private static void warmAndAuditACluster(Path project) throws IOException {
        SpecDraft cluster = new SpecDraft(null, "cluster", null, 3, 0, freeBlock(3), null, null, null, null);
        try {
            Up.up(request(project, cluster));
            Path file = project.resolve("train.jsonl");
            try (var out = Files.newBufferedWriter(file)) {
                for (int i = 0; i < TRAINING_ENTRIES; i++) {
                    out.write("{\"key\":\"train:" + i + "\",\"value\":\"" + "v".repeat(100) + "\"}\n");
                }
            }
            Warming.run(new Warming.Request(project, file, WarmFile.Format.JSONL, CacheWarmer.DEFAULT_PARALLELISM,
                    CacheWarmer.DEFAULT_BATCH_SIZE, CacheWarmer.DEFAULT_SAMPLE_SIZE), loaded -> { });
            Audits.run(project, false);
        } finally {
            if (Files.exists(project.resolve("project.properties"))) {
                Down.down(project, true);
            }
        }
    }

    private static Up.Request request(Path dir, SpecDraft flags) {
        return new Up.Request(dir, Optional.empty(), flags, Optional.empty(), Duration.ofSeconds(30),
                SpinelVersion.version(), step -> { });
    }

    private static int freeBlock(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = 20_000 + ThreadLocalRandom.current().nextInt(10_000);
            boolean free = true;
            for (int port = base; port < base + count && free; port++) {
                free = PortCheck.isFree("127.0.0.1", port);
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free loopback ports for training");
    }

    private static void refusedConnect() throws IOException {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        try (AdminSession admin = new AdminSession("train")) {
            admin.node("127.0.0.1", closed).ping();
        } catch (RuntimeException expected) {
            // refused, as intended: the connect path is loaded
        }
    }
}
