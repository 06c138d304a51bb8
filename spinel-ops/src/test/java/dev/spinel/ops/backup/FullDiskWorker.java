package dev.spinel.ops.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Stream;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Runs inside a mount namespace whose backup folder is a small tmpfs: one backup that fits, then
 * enough data that the next one fills the disk. Prints what happened for {@link FullDiskIT}.
 */
public final class FullDiskWorker {
    private FullDiskWorker() {
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[0]);
        Path backups = Path.of(args[1]);
        int port = Integer.parseInt(args[2]);
        String password = args[3];
        Backups.Request request = new Backups.Request(project, Optional.of(backups), Backups.Type.RDB, Compression.NONE,
                Backups.From.PRIMARY, true, 0, Optional.empty(), "test", bytes -> { });
        System.out.println("first=" + Backups.take(request, Clock.systemUTC()).metadata().id());
        try (Jedis node = new Jedis(new HostAndPort("127.0.0.1", port),
                DefaultJedisClientConfig.builder().password(password).build())) {
            Pipeline pipeline = node.pipelined();
            for (int i = 0; i < 100_000; i++) {
                pipeline.set("filler:" + i, Integer.toHexString(i).repeat(16));
            }
            pipeline.sync();
        }
        try {
            Backups.take(request, Clock.systemUTC());
            System.out.println("second=succeeded");
        } catch (RuntimeException e) {
            System.out.println("second failed: " + e.getMessage());
        }
        BackupStore store = new BackupStore(backups);
        store.list().forEach(backup -> System.out.println("listed=" + backup.id()));
        try (Stream<Path> folders = Files.list(backups)) {
            System.out.println("folders=" + folders.count());
        }
        store.list().forEach(backup -> System.out.println("verify " + backup.id() + "="
                + BackupVerifier.verify(store, backup.id(), dev.spinel.ops.process.BinaryResolver
                .fromEnvironment(Optional.empty()).resolve()).problems()));
    }
}
