package dev.spinel.cli;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.monitor.ConnectTarget;
import dev.spinel.ops.monitor.WatchTarget;
import dev.spinel.ops.web.ConsoleServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** What a console watches and how it serves: shared by serve and check. */
final class ConsoleOptions {
    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address the console listens on (default ${DEFAULT-VALUE}: this machine only).")
    String host;

    @Option(names = "--port", defaultValue = "" + ConsoleServer.DEFAULT_PORT,
            description = "Port of the console (default ${DEFAULT-VALUE}, redis_exporter's; 0 picks a free one).")
    int port;

    @Option(names = "--interval-ms", defaultValue = "1000", description = "Poll every node this often (default ${DEFAULT-VALUE}).")
    long intervalMillis;

    @Option(names = "--webhook", paramLabel = "URL", description = "POST every event as JSON to this URL.")
    String webhook;

    @Option(names = "--connect", paramLabel = "URI", split = ",",
            description = {"Watch a topology Spinel did not start, from one or more of its nodes:",
                    "redis://[:password@]host:port or host:port (the rest is discovered); --dir is then ignored."})
    List<String> connect = List.of();

    @Option(names = "--password-env", paramLabel = "VAR", defaultValue = "REDISCLI_AUTH",
            description = "With --connect: environment variable holding the password when the URIs have none (default ${DEFAULT-VALUE}).")
    String passwordVariable;

    @Option(names = "--token-env", paramLabel = "VAR", defaultValue = "SPINEL_CONSOLE_TOKEN",
            description = "Environment variable holding a bearer token the API then requires (default ${DEFAULT-VALUE}).")
    String tokenVariable;

    WatchTarget target(Path dir) {
        if (intervalMillis < 100) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT,
                    "--interval-ms must be at least 100, got " + intervalMillis);
        }
        if (!connect.isEmpty()) {
            return ConnectTarget.discover(connect.stream().map(ConnectTarget.Seed::parse).toList(),
                    Optional.ofNullable(System.getenv(passwordVariable)), Duration.ofSeconds(5));
        }
        return WatchTarget.ofProject(dir);
    }

    Optional<String> token() {
        return Optional.ofNullable(System.getenv(tokenVariable)).filter(t -> !t.isBlank());
    }
}
