package dev.spinel.cli;

import picocli.CommandLine;

/** Entry point of the spinel command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // slf4j-simple: warnings and errors only, with times (the console runs for days).
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        // Lettuce records its connection events to Flight Recorder when the JDK has it; loading
        // jdk.jfr costs a short command about 0.1 s, and nobody records a CLI run. Still on if asked.
        System.setProperty("io.lettuce.core.jfr", System.getProperty("io.lettuce.core.jfr", "false"));
        if (args.length > 0 && args[0].equals("drill")) {
            // A drill kills nodes on purpose: the writers' "cannot (re)connect" warnings are its expected effect.
            for (String logger : new String[] {"io.lettuce.core.protocol.ConnectionWatchdog", "io.lettuce.core.RedisClient",
                    "io.lettuce.core.cluster.topology.DefaultClusterTopologyRefresh",
                    "io.lettuce.core.cluster.ClusterTopologyRefreshScheduler"}) {
                String property = "org.slf4j.simpleLogger.log." + logger;
                System.setProperty(property, System.getProperty(property, "error"));
            }
        }
        System.exit(run(args));
    }

    /** Runs a command line in-process and returns its exit code; what tests call. */
    public static int run(String... args) {
        return commandLine(args).execute(args);
    }

    /** The command line for {@code args}: with only the subcommand they name, if they name one. */
    public static CommandLine commandLine(String... args) {
        CommandLine line = new CommandLine(new SpinelCommand());
        Subcommands.register(line, args);
        line.setExecutionExceptionHandler(new ExitCodes());
        line.setExitCodeExceptionMapper(new ExitCodes());
        return line;
    }
}
