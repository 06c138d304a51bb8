package dev.spinel.ops.backup;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.admin.InfoReply;
import dev.spinel.ops.admin.NodeAdmin;
import dev.spinel.ops.form.Deadline;
import dev.spinel.ops.form.Waits;
import dev.spinel.ops.process.LogTail;
import dev.spinel.ops.process.PortCheck;
import dev.spinel.ops.process.RedisBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Loads an RDB into a throwaway redis-server on a free loopback port and counts its keys per
 * database: the proof that a backup restores. The server and its folder are gone afterwards.
 */
public final class RdbLoadCheck {
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(30);

    private RdbLoadCheck() {
    }

    /** Keys (and keys with a TTL) per database after loading {@code rdb}, decompressed first if needed. */
    public static KeyCounts keysAfterLoading(RedisBinary binary, Path rdb, Compression compression) {
        return load(binary, rdb, dir -> compression.decompress(rdb, dir.resolve("dump.rdb")),
                List.of("--dbfilename", "dump.rdb", "--appendonly", "no"));
    }

    /**
     * The same for an AOF backup: {@code aofFolder} holds a manifest ({@code <prefix>.manifest})
     * and the files it names, each compressed as {@code compression} says.
     */
    public static KeyCounts keysAfterLoadingAof(RedisBinary binary, Path aofFolder, Compression compression) {
        String prefix;
        try (Stream<Path> files = Files.list(aofFolder)) {
            prefix = files.map(f -> compression.strip(f.getFileName().toString()))
                    .filter(f -> f.endsWith(".manifest")).findFirst()
                    .map(f -> f.substring(0, f.length() - ".manifest".length()))
                    .orElseThrow(() -> new SpinelException(SpinelException.Kind.FAILED, aofFolder + " has no AOF manifest"));
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot read " + aofFolder + ": " + e.getMessage(), e);
        }
        return load(binary, aofFolder, dir -> {
            Path target = Files.createDirectories(dir.resolve("appendonlydir"));
            try (Stream<Path> files = Files.list(aofFolder)) {
                for (Path file : files.toList()) {
                    compression.decompress(file, target.resolve(compression.strip(file.getFileName().toString())));
                }
            }
        }, List.of("--appendonly", "yes", "--appenddirname", "appendonlydir", "--appendfilename", prefix));
    }

    private interface Preparation {
        void into(Path dir) throws IOException;
    }

    private static KeyCounts load(RedisBinary binary, Path rdb, Preparation prepare, List<String> persistence) {
        Path dir = null;
        Process server = null;
        try {
            dir = Files.createTempDirectory("spinel-verify-");
            prepare.into(dir);
            int port = PortCheck.freePort();
            List<String> command = new ArrayList<>(List.of(binary.path().toString(), "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--logfile",
                    dir.resolve("redis.log").toString()));
            command.addAll(persistence);
            server = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
            Process running = server;
            Path log = dir.resolve("redis.log");
            try (AdminSession admin = new AdminSession(() -> "", Duration.ofSeconds(5))) {
                Waits.until("the throwaway redis-server to load " + rdb.getFileName(), Deadline.in(LOAD_TIMEOUT), () -> {
                    NodeAdmin node = admin.node("127.0.0.1", port);
                    return node.info("persistence").isLoading() ? Waits.Check.notYet("loading:1") : Waits.Check.ok();
                }, () -> running.isAlive() ? Optional.empty() : Optional.of("redis-server could not load " + rdb
                        + "; its log ends:\n" + LogTail.of(log, 10)));
                InfoReply keyspace = admin.node("127.0.0.1", port).info("keyspace");
                return new KeyCounts(keyspace.keysPerDatabase(), keyspace.expiresPerDatabase());
            }
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot load " + rdb + " to check it: "
                    + e.getMessage(), e);
        } finally {
            stop(server);
            deleteQuietly(dir);
        }
    }

    private static void stop(Process server) {
        if (server == null) {
            return;
        }
        server.destroy();
        try {
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir != null) {
            try {
                BackupStore.delete(dir);
            } catch (SpinelException e) {
                // A leftover temp folder is harmless; the server that used it is stopped.
            }
        }
    }
}
