package dev.spinel.cli;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.process.BinaryResolver;
import dev.spinel.ops.process.RedisBinary;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Show which redis-server Spinel will run, its version, and what is missing.")
final class DoctorCommand implements Callable<Integer> {
    @Option(names = "--redis-server", paramLabel = "PATH", description = "Check this redis-server, or 'bundled'.")
    String redisServer;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        BinaryResolver resolver = BinaryResolver.fromEnvironment(Optional.ofNullable(redisServer));
        out.println("spinel " + SpinelVersion.version() + " on Java " + Runtime.version() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        out.println("Redis binaries, in the order they are tried:");
        resolver.survey().forEach(line -> out.println("  " + line));
        try {
            RedisBinary binary = resolver.resolve();
            out.println("Will use: " + binary.path() + " (Redis " + binary.version() + ", "
                    + binary.source().description() + ")");
            out.println("Sentinel: runs as `" + binary.path().getFileName() + " sentinel.conf --sentinel`"
                    + " from the same binary; no redis-sentinel or redis-cli needed.");
            return 0;
        } catch (SpinelException e) {
            out.println("Problem: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }
}
