package dev.spinel.ops.restore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** `spinel restore --latest --force` in a JVM of its own, for the test that kills it with -9. */
public final class RestoreWorker {
    private RestoreWorker() {
    }

    public static void main(String[] args) {
        Restores.restore(new Restores.Request(Path.of(args[0]), Optional.empty(), Optional.empty(),
                Optional.empty(), Duration.ofSeconds(60), "test", System.out::println), Clock.systemUTC());
    }
}
