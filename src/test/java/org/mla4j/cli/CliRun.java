package org.mla4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * One in-process run of the {@code mla} command line with its output and errors captured.
 *
 * @param exitCode what {@link Main#run} returned
 * @param out      everything printed on standard output
 * @param err      everything printed on standard error
 */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    public static CliRun of(List<String> args) {
        return of(args.toArray(String[]::new));
    }

    /** The lines of standard error that start with "error: ". */
    public List<String> errorLines() {
        return err.lines().filter(l -> l.startsWith("error: ")).toList();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
