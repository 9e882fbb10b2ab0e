package org.mla4j.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.mla4j.io.InvalidInputException;
import org.mla4j.train.Trainer;
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
        cl.setParameterExceptionHandler(CliErrors::usageError);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean debug = Boolean.getBoolean("mla4j.debug") || parseResult.originalArgs().contains("--debug");
            PrintWriter err = commandLine.getErr();
            if (debug) {
                ex.printStackTrace(err);
            }
            Throwable cause = ex;
            while (!(cause instanceof InvalidInputException) && cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            int code;
            if (cause instanceof InvalidInputException) {
                err.println("error: " + oneLine(cause.getMessage()));
                code = BAD_INPUT;
            } else if (ex instanceof Trainer.DivergedException || ex instanceof UncheckedIOException) {
                // expected failures with a complete message: a stack trace would add nothing
                err.println("error: " + oneLine(ex.getMessage()));
                code = FAILURE;
            } else {
                err.println("error: " + oneLine(ex.getMessage() != null ? ex.getMessage() : ex.toString())
                        + (debug ? "" : " (run with --debug for details)"));
                code = FAILURE;
            }
            err.flush();
            return code;
        });
        cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? BAD_INPUT : FAILURE);
        return cl;
    }

    /** Usage errors (unknown option, a value of the wrong type...): one line and a pointer to --help. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        if (Boolean.getBoolean("mla4j.debug") || java.util.Arrays.asList(args).contains("--debug")) {
            ex.printStackTrace(err);
        }
        err.println("error: " + oneLine(ex.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return BAD_INPUT;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replace('\n', ' ').replace('\r', ' ').trim();
    }
}
