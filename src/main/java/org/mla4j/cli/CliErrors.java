package org.mla4j.cli;

import org.mla4j.data.InvalidInputException;
import picocli.CommandLine;

/**
 * Maps failures to one clear line and an exit code: bad input and usage errors exit 2, other
 * failures 1. A stack trace is printed only with {@code --debug} (or {@code -Dmla4j.debug=true}).
 */
final class CliErrors {
    static final int BAD_INPUT = 2;
    static final int FAILURE = 1;

    private CliErrors() {
    }

    static CommandLine configure(CommandLine cl) {
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean debug = Boolean.getBoolean("mla4j.debug") || parseResult.originalArgs().contains("--debug");
            if (debug) {
                ex.printStackTrace(commandLine.getErr());
            }
            Throwable cause = ex;
            while (!(cause instanceof InvalidInputException) && cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            if (cause instanceof InvalidInputException) {
                commandLine.getErr().println("error: " + cause.getMessage());
                return BAD_INPUT;
            }
            commandLine.getErr().println("error: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString())
                    + (debug ? "" : " (run with --debug for details)"));
            return FAILURE;
        });
        cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? BAD_INPUT : FAILURE);
        return cl;
    }
}
