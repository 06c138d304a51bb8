package dev.spinel.cli;

import picocli.CommandLine;

/** Entry point of the spinel command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line in-process and returns its exit code; what tests call. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new SpinelCommand());
        line.setExecutionExceptionHandler(new ExitCodes());
        line.setExitCodeExceptionMapper(new ExitCodes());
        return line;
    }
}
