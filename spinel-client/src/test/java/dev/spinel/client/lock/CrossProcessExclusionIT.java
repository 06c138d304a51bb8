package dev.spinel.client.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spinel.client.connect.SpinelClient;
import dev.spinel.testkit.RedisServerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Eight threads in this JVM and eight in another contend for one lock; no two may ever overlap. */
class CrossProcessExclusionIT {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final int THREADS = 8;
    private static final int ROUNDS = 25;

    @Test
    void sixteenHoldersInTwoJvmsNeverOverlap() throws Exception {
        String name = "cross-process";
        String counter = "test:cross:counter";
        String inside = "test:cross:inside";
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process other = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ExclusionWorker.class.getName(), REDIS.uri(), name, counter, inside, Integer.toString(THREADS),
                Integer.toString(ROUNDS)).redirectErrorStream(true).start();
        try (SpinelClient client = SpinelClient.create(REDIS.uri()); LockManager locks = LockManager.create(client)) {
            List<CompletableFuture<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(CompletableFuture.supplyAsync(
                        () -> ExclusionWorker.run(client, locks, name, counter, inside, ROUNDS)));
            }
            int overlaps = 0;
            for (CompletableFuture<Integer> worker : workers) {
                overlaps += worker.get(120, TimeUnit.SECONDS);
            }
            String output = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(other.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(other.exitValue()).as(output).isZero();
            assertThat(output).as("the other JVM saw no overlap").contains("overlaps=0");
            assertThat(overlaps).as("this JVM saw no overlap").isZero();
            assertThat(client.sync().get(counter)).isEqualTo(Integer.toString(2 * THREADS * ROUNDS));
        } finally {
            other.destroyForcibly();
            other.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
