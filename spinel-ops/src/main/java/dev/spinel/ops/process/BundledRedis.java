package dev.spinel.ops.process;

import dev.spinel.ops.SpinelException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The static Redis 7.0.15 binaries shipped at the root of {@code org.signal:embedded-redis:0.9.1}.
 * Extracted once per user into a cache folder and checked against the SHA-256 pinned here, both
 * when extracted and each time before reuse, so a truncated or altered file is never run.
 */
public final class BundledRedis {
    public static final String VERSION = "7.0.15";
    /** SHA-256 of each binary in embedded-redis 0.9.1, read off the jar when it was pinned. */
    static final Map<String, String> SHA256 = Map.of(
            "linux-amd64", "c0cdeef856b3410fd99d6ec6fc6a20302e69059b00ce5d6abab7b3e5069ea91e",
            "linux-arm64", "d5c7ff117caf45d7dc2f59c1f956e1830438779947d66aa5647c2cdcc16eca50",
            "darwin-amd64", "e22a3d9147802bba0724efb2e446c49e1e514e76ff8031bb6d44b8628400d8f3",
            "darwin-arm64", "07838a2eb6f5961c89d8e6f1f83482de355dfc6bb04e05bfb00ae1f137dee129");

    private BundledRedis() {
    }

    /** This machine's platform as the jar names it, if the jar has a binary for it. */
    public static Optional<String> platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String osPart = os.contains("linux") ? "linux" : os.contains("mac") ? "darwin" : null;
        String archPart = arch.equals("amd64") || arch.equals("x86_64") ? "amd64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : null;
        if (osPart == null || archPart == null) {
            return Optional.empty();
        }
        return Optional.of(osPart + "-" + archPart);
    }

    /** The default cache folder: $XDG_CACHE_HOME/spinel or ~/.cache/spinel. */
    public static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("spinel");
    }

    /** The verified binary in {@code cacheDir}, extracting it first when it is missing or damaged. */
    public static Path extract(Path cacheDir) {
        String platform = platform().orElseThrow(() -> new SpinelException(SpinelException.Kind.FAILED,
                "no bundled Redis for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                        + ": install redis-server (Debian: apt-get install redis-server redis-sentinel)"));
        String expected = SHA256.get(platform);
        String resource = "/redis-server-" + VERSION + "-" + platform;
        Path target = cacheDir.resolve("redis-" + VERSION).resolve(expected.substring(0, 12)).resolve("redis-server");
        try {
            if (Files.isRegularFile(target) && expected.equals(sha256(target)) && Files.isExecutable(target)) {
                return target;
            }
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), "redis-server", ".part");
            try (InputStream in = BundledRedis.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new SpinelException(SpinelException.Kind.FAILED, "the bundled Redis " + resource
                            + " is not on the class path (embedded-redis missing from the build?)");
                }
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                Files.copy(new DigestInputStream(in, digest), temp, StandardCopyOption.REPLACE_EXISTING);
                String actual = HexFormat.of().formatHex(digest.digest());
                if (!expected.equals(actual)) {
                    Files.deleteIfExists(temp);
                    throw new SpinelException(SpinelException.Kind.FAILED, "the bundled Redis " + resource
                            + " has SHA-256 " + actual + ", expected " + expected + ": the Spinel jar is damaged");
                }
            }
            if (!temp.toFile().setExecutable(true, false)) {
                throw new IOException("cannot make " + temp + " executable");
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot extract the bundled Redis to " + target
                    + ": " + e.getMessage() + " (set XDG_CACHE_HOME to a writable folder, or install redis-server)", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
