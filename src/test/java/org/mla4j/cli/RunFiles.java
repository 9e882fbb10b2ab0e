package org.mla4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

    /** history.csv without its timing columns (seconds and validation_seconds per epoch). */
    static List<String> historyWithoutTiming(Path run) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("history.csv"));
        List<String> header = List.of(lines.get(0).split(",", -1));
        java.util.Set<Integer> timing = java.util.Set.of(header.indexOf("seconds"), header.indexOf("validation_seconds"));
        assertThat(timing).doesNotContain(-1);
        return lines.stream().map(l -> {
            String[] cells = l.split(",", -1);
            List<String> kept = new java.util.ArrayList<>();
            for (int i = 0; i < cells.length; i++) {
                if (!timing.contains(i)) {
                    kept.add(cells[i]);
                }
            }
            return String.join(",", kept);
        }).toList();
    }
}
