package dev.spinel.ops.process;

import dev.spinel.ops.SpinelException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Chooses the redis-server to run: an explicit path ({@code --redis-server}, else the
 * {@code SPINEL_REDIS_SERVER} variable; the word {@code bundled} asks for the bundled one), else
 * {@code redis-server} on PATH, else the bundled static binary. Versions before 7.0 are refused.
 */
public final class BinaryResolver {
    public static final String ENV = "SPINEL_REDIS_SERVER";
    public static final String BUNDLED = "bundled";
    /** {@code --version} answers by binary (real path, size, modification time). */
    private static final Map<String, RedisVersion> VERSIONS = new ConcurrentHashMap<>();

    private final Optional<String> explicit;
    private final Map<String, String> env;
    private final Path cacheDir;

    public BinaryResolver(Optional<String> explicit, Map<String, String> env, Path cacheDir) {
        this.explicit = explicit.filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(env.get(ENV)).filter(s -> !s.isBlank()));
        this.env = env;
        this.cacheDir = cacheDir;
    }

    public static BinaryResolver fromEnvironment(Optional<String> explicit) {
        return new BinaryResolver(explicit, System.getenv(), BundledRedis.defaultCacheDir());
    }

    /** The binary to use, or an error that says what to install or set. */
    public RedisBinary resolve() {
        if (explicit.isPresent()) {
            String value = explicit.get();
            if (BUNDLED.equals(value)) {
                return bundled();
            }
            return check(Path.of(value), RedisBinary.Source.EXPLICIT);
        }
        Optional<Path> onPath = findOnPath();
        if (onPath.isPresent()) {
            return check(onPath.get(), RedisBinary.Source.PATH);
        }
        return bundled();
    }

    /** One line per place a binary may come from, for {@code spinel doctor}. */
    public List<String> survey() {
        List<String> lines = new ArrayList<>();
        lines.add("explicit (" + RedisBinary.Source.EXPLICIT.description() + "): "
                + explicit.map(value -> BUNDLED.equals(value) ? "asks for the bundled binary" : describe(Path.of(value)))
                        .orElse("not set"));
        lines.add("PATH: " + findOnPath().map(BinaryResolver::describe).orElse("no redis-server"
                + " (Debian: apt-get install -y redis-server redis-sentinel redis-tools)"));
        lines.add("bundled: " + BundledRedis.platform()
                .map(platform -> "Redis " + BundledRedis.VERSION + " for " + platform)
                .orElse("none for this platform"));
        return lines;
    }

    private RedisBinary bundled() {
        Path path = BundledRedis.extract(cacheDir);
        return check(path, RedisBinary.Source.BUNDLED);
    }

    private Optional<Path> findOnPath() {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String describe(Path path) {
        try {
            return path + ": Redis " + version(path);
        } catch (SpinelException e) {
            return e.getMessage();
        }
    }

    private static RedisBinary check(Path path, RedisBinary.Source source) {
        RedisVersion version = version(path);
        if (!version.isSupported()) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, path + " is Redis " + version + " (" + source
                    .description() + "), older than the 7.0 Spinel needs: install Redis 7, or run with"
                    + " --redis-server bundled to use the Redis " + BundledRedis.VERSION + " that comes with Spinel");
        }
        return new RedisBinary(path, version, source);
    }

    /**
     * The version {@code path --version} prints. A command that resolves the binary twice (a
     * restore, then the {@code up} inside it) asks once: each run forks a process, 30 to 50 ms here.
     * The answer is kept for the same file, size and modification time, so a replaced binary is asked again.
     */
    static RedisVersion version(Path path) {
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, path + " is not an executable file");
        }
        String identity;
        try {
            identity = path.toRealPath() + "|" + Files.size(path) + "|" + Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, "cannot read " + path + ": " + e.getMessage(), e);
        }
        RedisVersion known = VERSIONS.get(identity);
        if (known != null) {
            return known;
        }
        RedisVersion asked = ask(path);
        VERSIONS.put(identity, asked);
        return asked;
    }

    private static RedisVersion ask(Path path) {
        try {
            Process process = new ProcessBuilder(path.toString(), "--version").redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new SpinelException(SpinelException.Kind.BAD_INPUT, path + " --version did not answer in 10 s");
            }
            return RedisVersion.parse(output).orElseThrow(() -> new SpinelException(SpinelException.Kind.BAD_INPUT,
                    path + " does not look like redis-server: --version printed '" + output.strip() + "'"));
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, "cannot run " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpinelException(SpinelException.Kind.FAILED, "interrupted while checking " + path, e);
        }
    }
}
