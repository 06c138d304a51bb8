package dev.spinel.cli;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.topology.SpecException;
import picocli.CommandLine;

/**
 * The one place exceptions become exit codes: 1 a failure on the machine (a node died, never
 * became ready), 2 bad input, 3 blocked until an operator decides, 4 a bug in Spinel.
 * Messages go to stderr; a stack trace only for bugs.
 */
final class ExitCodes implements CommandLine.IExecutionExceptionHandler, CommandLine.IExitCodeExceptionMapper {
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int BLOCKED = 3;
    static final int INTERNAL = 4;

    @Override
    public int handleExecutionException(Exception e, CommandLine line, CommandLine.ParseResult parseResult) {
        int code = getExitCode(e);
        String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        line.getErr().println("spinel " + line.getCommandName() + ": " + message);
        for (Throwable suppressed : e.getSuppressed()) {
            line.getErr().println("  while cleaning up: " + suppressed.getMessage());
        }
        if (code == INTERNAL) {
            e.printStackTrace(line.getErr());
            line.getErr().println("This is a bug in Spinel; please report it with the trace above.");
        }
        line.getErr().flush();
        return code;
    }

    @Override
    public int getExitCode(Throwable e) {
        if (e instanceof SpecException || e instanceof CommandLine.ParameterException) {
            return BAD_INPUT;
        }
        if (e instanceof SpinelException spinel) {
            return switch (spinel.kind()) {
                case BAD_INPUT -> BAD_INPUT;
                case BLOCKED -> BLOCKED;
                case FAILED -> FAILED;
            };
        }
        return INTERNAL;
    }
}
