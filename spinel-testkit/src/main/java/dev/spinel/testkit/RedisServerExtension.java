package dev.spinel.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One real redis-server for a test class, on a free loopback port, with a password; stopped by
 * its PID after the class. For modules that cannot use Spinel's own ops code (the client is
 * below it). The binary is {@code SPINEL_REDIS_SERVER} or {@code redis-server} on PATH; without
 * one the tests abort with a loud notice, except in CI (CI=true) where that is a failure.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {
    private final List<String> extraArgs;
    private Process process;
    private Path dir;
    private int port;
    private final String password = UUID.randomUUID().toString().replace("-", "");

    public RedisServerExtension(String... extraArgs) {
        this.extraArgs = List.of(extraArgs);
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    /** {@code redis://password@127.0.0.1:port}. */
    public String uri() {
        return "redis://" + password + "@127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path binary = binary();
        port = FreePorts.block(1);
        dir = Files.createTempDirectory("spinel-redis-");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--requirepass", password, "--dir", dir.toString(), "--save", "",
                "--appendonly", "no", "--logfile", dir.resolve("redis.log").toString()));
        command.addAll(extraArgs);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        try {
            awaitPort(Duration.ofSeconds(20));
        } catch (RuntimeException | IOException | InterruptedException e) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Ready once it answers PING with the password; a process that dies meanwhile fails at once. */
    private void awaitPort(Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder().password(password).build();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start: "
                        + Files.readString(dir.resolve("stdout.log"), StandardCharsets.UTF_8)
                        + readIfExists(dir.resolve("redis.log")));
            }
            try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", port), config)) {
                if ("PONG".equals(jedis.ping())) {
                    return;
                }
            } catch (JedisException notYet) {
                // still starting
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("redis-server on port " + port + " did not answer in " + timeout);
    }

    private static String readIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** The redis-server tests use, or an abort (a failure in CI) naming what is missing. */
    public static Path binary() {
        Optional<Path> found = Optional.ofNullable(System.getenv("SPINEL_REDIS_SERVER")).filter(s -> !s.isBlank())
                .map(Path::of)
                .or(() -> Optional.ofNullable(System.getenv("PATH")).stream()
                        .flatMap(path -> java.util.Arrays.stream(path.split(File.pathSeparator)))
                        .map(dir -> Path.of(dir, "redis-server")).filter(Files::isExecutable).findFirst());
        if (found.isEmpty()) {
            String message = "no redis-server on PATH and SPINEL_REDIS_SERVER unset"
                    + " (Debian: apt-get install redis-server redis-sentinel redis-tools)";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(message);
            }
            System.err.println("\n*** SKIPPING Redis integration tests: " + message + "\n");
            Assumptions.abort(message);
        }
        return found.get();
    }
}
