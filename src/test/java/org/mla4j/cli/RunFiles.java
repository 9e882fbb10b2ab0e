package org.mla4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Reads a run directory's results with the wall-clock fields removed, for exact comparisons. */
final class RunFiles {
    private RunFiles() {
    }

    /** metrics.json without its timing line ("train_seconds"). */
    static String metricsWithoutTiming(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.json")).stream()
                .filter(l -> !l.contains("\"train_seconds\"")).collect(Collectors.joining("\n"));
    }

    /** history.csv without its last column (seconds per epoch). */
    static List<String> historyWithoutTiming(Path run) throws IOException {
        return Files.readAllLines(run.resolve("history.csv")).stream()
                .map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }
}
