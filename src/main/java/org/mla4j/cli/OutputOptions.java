package org.mla4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * Output modes shared by commands: a table for people, JSON for scripts, or nothing but errors; and
 * how much is logged ({@link Logging} applies {@code --verbose} and {@code --quiet}).
 */
final class OutputOptions {
    @Option(names = "--quiet", description = "Print nothing but errors.")
    boolean quiet;

    @Option(names = "--json", description = "Print results as JSON on standard output instead of a table.")
    boolean json;

    @Option(names = "--debug", description = "Show stack traces of errors.")
    boolean debug;

    @Option(names = {"-v", "--verbose"}, description = "Log more: mla4j's DEBUG messages on standard error "
            + "(or set MLA4J_LOG_LEVEL=debug|info|warn|error for every command; --quiet logs warnings and errors only).")
    boolean verbose;

    void print(PrintWriter out, String table, String jsonText) {
        if (json) {
            out.print(jsonText);
        } else if (!quiet) {
            out.print(table);
        }
        out.flush();
    }

    void note(PrintWriter err, String message) {
        if (!quiet && !json) {
            err.println(message);
            err.flush();
        }
    }
}
