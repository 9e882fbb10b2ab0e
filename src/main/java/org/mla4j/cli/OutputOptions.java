package org.mla4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** Output modes shared by commands: a table for people, JSON for scripts, or nothing but errors. */
final class OutputOptions {
    @Option(names = "--quiet", description = "Print nothing but errors.")
    boolean quiet;

    @Option(names = "--json", description = "Print results as JSON on standard output instead of a table.")
    boolean json;

    @Option(names = "--debug", description = "Show stack traces of errors.")
    boolean debug;

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
