package dev.spinel.ops.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spinel.ops.SpinelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryResolverTest {
    @TempDir
    Path temp;

    /** A stand-in redis-server that only answers --version, as the given version. */
    private Path fakeRedis(Path dir, String version) throws IOException {
        Files.createDirectories(dir);
        Path script = dir.resolve("redis-server");
        Files.writeString(script, "#!/bin/sh\necho 'Redis server v=" + version + " sha=00000000:0 malloc=libc bits=64'\n");
        assertThat(script.toFile().setExecutable(true)).isTrue();
        return script;
    }

    @Test
    void anExplicitPathWinsOverPath() throws IOException {
        Path explicit = fakeRedis(temp.resolve("a"), "7.2.4");
        Path onPath = fakeRedis(temp.resolve("b"), "7.0.15");
        RedisBinary binary = new BinaryResolver(Optional.of(explicit.toString()),
                Map.of("PATH", onPath.getParent().toString()), temp.resolve("cache")).resolve();
        assertThat(binary.path()).isEqualTo(explicit);
        assertThat(binary.source()).isEqualTo(RedisBinary.Source.EXPLICIT);
        assertThat(binary.version()).hasToString("7.2.4");
    }

    @Test
    void aBinaryReplacedInPlaceIsAskedForItsVersionAgain() throws IOException {
        Path explicit = fakeRedis(temp.resolve("a"), "7.2.4");
        BinaryResolver resolver = new BinaryResolver(Optional.of(explicit.toString()), Map.of(), temp.resolve("cache"));
        assertThat(resolver.resolve().version()).hasToString("7.2.4");
        assertThat(resolver.resolve().version()).hasToString("7.2.4");
        fakeRedis(temp.resolve("a"), "7.0.15");
        assertThat(resolver.resolve().version()).hasToString("7.0.15");
    }

    @Test
    void theEnvironmentVariableIsAnExplicitPath() throws IOException {
        Path explicit = fakeRedis(temp.resolve("a"), "7.0.0");
        RedisBinary binary = new BinaryResolver(Optional.empty(), Map.of("SPINEL_REDIS_SERVER", explicit.toString()),
                temp.resolve("cache")).resolve();
        assertThat(binary.source()).isEqualTo(RedisBinary.Source.EXPLICIT);
    }

    @Test
    void redisOnPathIsUsedWhenNothingIsExplicit() throws IOException {
        Path onPath = fakeRedis(temp.resolve("b"), "7.0.15");
        RedisBinary binary = new BinaryResolver(Optional.empty(),
                Map.of("PATH", temp.resolve("empty") + ":" + onPath.getParent()), temp.resolve("cache")).resolve();
        assertThat(binary.path()).isEqualTo(onPath);
        assertThat(binary.source()).isEqualTo(RedisBinary.Source.PATH);
    }

    @Test
    void redisOlderThanSevenIsRefusedWithWhatToDo() throws IOException {
        Path old = fakeRedis(temp.resolve("old"), "6.2.6");
        assertThatThrownBy(() -> new BinaryResolver(Optional.empty(), Map.of("PATH", old.getParent().toString()),
                temp.resolve("cache")).resolve())
                .isInstanceOfSatisfying(SpinelException.class,
                        e -> assertThat(e.kind()).isEqualTo(SpinelException.Kind.BAD_INPUT))
                .hasMessageContaining(old + " is Redis 6.2.6")
                .hasMessageContaining("older than the 7.0 Spinel needs")
                .hasMessageContaining("--redis-server bundled");
    }

    @Test
    void somethingThatIsNotRedisIsNamed() throws IOException {
        Path script = temp.resolve("redis-server");
        Files.writeString(script, "#!/bin/sh\necho hello\n");
        assertThat(script.toFile().setExecutable(true)).isTrue();
        assertThatThrownBy(() -> new BinaryResolver(Optional.of(script.toString()), Map.of(), temp).resolve())
                .hasMessageContaining("does not look like redis-server");
        assertThatThrownBy(() -> new BinaryResolver(Optional.of(temp.resolve("missing").toString()), Map.of(), temp)
                .resolve()).hasMessageContaining("missing is not an executable file");
    }

    @Test
    void withNothingOnPathTheBundledBinaryIsExtractedVerifiedAndReused() throws IOException {
        Path cache = temp.resolve("cache");
        BinaryResolver resolver = new BinaryResolver(Optional.empty(), Map.of("PATH", ""), cache);
        RedisBinary first = resolver.resolve();
        assertThat(first.source()).isEqualTo(RedisBinary.Source.BUNDLED);
        assertThat(first.version()).hasToString("7.0.15");
        assertThat(first.path()).startsWith(cache);
        long modified = Files.getLastModifiedTime(first.path()).toMillis();
        assertThat(resolver.resolve().path()).isEqualTo(first.path());
        assertThat(Files.getLastModifiedTime(first.path()).toMillis()).as("reused, not extracted again")
                .isEqualTo(modified);
    }

    @Test
    void aDamagedBundledBinaryIsReplaced() throws IOException {
        Path cache = temp.resolve("cache");
        Path path = BundledRedis.extract(cache);
        Files.writeString(path, "truncated");
        Path again = BundledRedis.extract(cache);
        assertThat(again).isEqualTo(path);
        assertThat(BundledRedis.sha256(again)).isEqualTo(BundledRedis.SHA256.get(BundledRedis.platform().orElseThrow()));
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(RedisVersion.parse("Redis server v=7.10.0 sha=0").orElseThrow())
                .isGreaterThan(RedisVersion.parse("v=7.9.9").orElseThrow());
        assertThat(RedisVersion.parse("v=6.2.14").orElseThrow().isSupported()).isFalse();
        assertThat(RedisVersion.parse("no version here")).isEmpty();
    }
}
