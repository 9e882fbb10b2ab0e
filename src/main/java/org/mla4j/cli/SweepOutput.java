package org.mla4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mla4j.experiment.SweepTable;
import org.mla4j.io.AtomicFiles;
import org.mla4j.io.Json;
import org.mla4j.report.SweepPlot;

/**
 * Writes a sweep grid's table as NAME.md, NAME.csv, NAME.json and the plot as NAME.png into the
 * output folder (shared by {@code mla missing} and {@code mla isolation}), and the command lines
 * that regenerate them.
 */
final class SweepOutput {
    private SweepOutput() {
    }

    /** Writes the table files and the plot; returns the Markdown text (caption, table, command). */
    static String write(Path target, String name, SweepTable table, String caption, String plotTitle, String xTitle,
                        String command, List<String> failures, Map<String, Object> extraJson) {
        StringBuilder md = new StringBuilder(caption).append("\n\n").append(table.markdown())
                .append("\nCommand: `").append(command).append("`\n\n![").append(plotTitle).append("](")
                .append(name).append(".png)\n");
        if (!failures.isEmpty()) {
            md.append("\nRuns that failed (left out):\n\n");
            failures.forEach(f -> md.append("- ").append(f).append('\n'));
        }
        Map<String, Object> json = new LinkedHashMap<>(extraJson);
        json.put("command", command);
        json.putAll(table.json());
        json.put("failed_runs", failures);
        AtomicFiles.writeString(target.resolve(name + ".md"), md.toString());
        AtomicFiles.writeString(target.resolve(name + ".csv"), table.csv());
        AtomicFiles.writeString(target.resolve(name + ".json"), Json.write(json));
        byte[] png = SweepPlot.png(table, plotTitle, xTitle, "test accuracy (%)");
        AtomicFiles.write(target.resolve(name + ".png"), out -> out.write(png));
        return md.toString();
    }

    static List<Double> parseFractions(String value, String option, boolean allowZero) {
        List<Double> out = new ArrayList<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            double v;
            try {
                v = Double.parseDouble(part.trim());
            } catch (NumberFormatException e) {
                throw new org.mla4j.io.InvalidInputException(option + " must be a comma-separated list of numbers, got '"
                        + part.trim() + "'");
            }
            RunSettings.require((allowZero ? v >= 0 : v > 0) && v < 1,
                    option + " values must be in " + (allowZero ? "[0, 1)" : "(0, 1)") + ", got " + part.trim());
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        RunSettings.require(!out.isEmpty(), option + " names no value");
        return out;
    }

    /** "seed 0" or "mean ± sample std over seeds 0..N-1", for captions. */
    static String overSeeds(int seeds) {
        return seeds == 1 ? "one seed (0)" : "mean ± sample std over seeds 0.." + (seeds - 1);
    }

    /**
     * The command line without the options that change only what is printed ({@code --quiet},
     * {@code --json}, {@code -v}/{@code --verbose}, {@code --debug}) or only how the runs are executed
     * ({@code --jobs N}, {@code --spark MASTER}, {@code --spark-out URI}): the command that regenerates a result.
     */
    static String regenerating(List<String> commandLine) {
        List<String> flags = List.of("--quiet", "--json", "-v", "--verbose", "--debug");
        List<String> withValue = List.of("--jobs", "--spark", "--spark-out");
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < commandLine.size(); i++) {
            String a = commandLine.get(i);
            if (withValue.contains(a)) {
                i++; // and its value
            } else if (!flags.contains(a) && withValue.stream().noneMatch(o -> a.startsWith(o + "="))) {
                kept.add(a);
            }
        }
        return String.join(" ", kept);
    }

    static List<String> commandLine(picocli.CommandLine.Model.CommandSpec spec) {
        List<String> args = new ArrayList<>(List.of("mla"));
        args.addAll(spec.commandLine().getParseResult().originalArgs());
        return args;
    }
}
