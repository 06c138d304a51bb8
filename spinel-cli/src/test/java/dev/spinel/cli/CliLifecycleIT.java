package dev.spinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import dev.spinel.ops.project.ConsoleRecord;
import dev.spinel.testkit.FreePorts;
import dev.spinel.testkit.RedisLeakCheck;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** The commands an operator types, run in-process against a temp project on free ports. */
@ExtendWith(RedisLeakCheck.class)
class CliLifecycleIT {
    @TempDir
    Path temp;

    @Test
    void upStatusSecretDown() {
        Instant start = Instant.now();
        String dir = temp.resolve("p").toString();
        int port = FreePorts.block(3);
        int sentinelPort = FreePorts.block(3);
        int consolePort = FreePorts.block(1);
        CliRun up = CliRun.of("up", "--dir", dir, "--port-base", Integer.toString(port), "--sentinel-port-base",
                Integer.toString(sentinelPort), "--console-port", Integer.toString(consolePort));
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out()).contains("Ready in", "redis-" + port, "sentinel-" + sentinelPort,
                "redis-sentinel://$(spinel secret)@127.0.0.1:" + sentinelPort, "REDISCLI_AUTH=$(spinel secret)");

        assertThat(up.out()).contains("Console: http://127.0.0.1:" + consolePort + "/");
        long consolePid = ConsoleRecord.read(temp.resolve("p")).orElseThrow().process().pid();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + consolePort + "/api/health")).build();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);

        CliRun secret = CliRun.of("secret", "--dir", dir);
        String password = secret.out().strip();
        assertThat(password).hasSize(64);
        assertThat(up.out()).doesNotContain(password);
        try (Jedis sentinel = new Jedis(new HostAndPort("127.0.0.1", sentinelPort),
                DefaultJedisClientConfig.builder().password(password).build())) {
            assertThat(sentinel.ping()).isEqualTo("PONG");
        }

        CliRun check = CliRun.of("check", "--dir", dir);
        assertThat(check.exitCode()).as(check.out()).isEqualTo(CheckCommand.OK);
        assertThat(check.out()).startsWith("SPINEL OK - sentinel topology").contains("6 of 6 nodes answer");

        CliRun status = CliRun.of("status", "--dir", dir);
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("6/6 nodes up", "primary", "replica of 127.0.0.1:" + port,
                "2 other Sentinels").doesNotContain(password);
        CliRun json = CliRun.of("status", "--dir", dir, "--json");
        assertThat(json.out()).contains("\"role\" : \"primary\"", "\"linkStatus\" : \"up\"").doesNotContain(password);

        assertThat(CliRun.of("up", "--dir", dir).out()).contains("Already up: nothing to change.");

        CliRun down = CliRun.of("down", "--dir", dir);
        assertThat(down.exitCode()).isZero();
        assertThat(down.out()).contains("console: stopped", "redis-" + port + ": shut down", "data kept");
        assertThat(ProcessHandle.of(consolePid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(RedisLeakCheck.runningRedisStartedSince(start)).isEmpty();

        CliRun critical = CliRun.of("check", "--dir", dir);
        assertThat(critical.exitCode()).as(critical.out()).isEqualTo(CheckCommand.CRITICAL);
        assertThat(critical.out()).startsWith("SPINEL CRITICAL").contains("redis-" + port + ": does not answer");

        CliRun stopped = CliRun.of("status", "--dir", dir);
        assertThat(stopped.exitCode()).isEqualTo(1);
        assertThat(stopped.out()).contains("0/6 nodes up");

        assertThat(CliRun.of("down", "--dir", dir, "--purge").exitCode()).isZero();
        assertThat(temp.resolve("p")).doesNotExist();
    }
}
