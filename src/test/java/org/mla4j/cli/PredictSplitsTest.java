package org.mla4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.TestDatasets;
import org.mla4j.io.Json;

/** {@code mla predict} reports the fused accuracy of the train rows and of the test rows, each on its own. */
class PredictSplitsTest {
    @TempDir
    Path dir;

    @Test
    void accuracyIsReportedPerSplit() throws Exception {
        String data = TestDatasets.builder().samples(40).classes(2).write(dir.resolve("data")).toString();
        String model = dir.resolve("model").toString();
        CliRun train = CliRun.of("train", "--data", data, "--out", model, "--epochs", "2", "--width", "4", "--layers",
                "1", "--quiet");
        assertThat(train.exitCode()).as(train.toString()).isZero();
        Path csv = dir.resolve("p.csv");
        CliRun text = CliRun.of("predict", "--model", model, "--data", data, "--out", csv.toString());
        assertThat(text.exitCode()).as(text.toString()).isZero();

        // the accuracies the CSV itself implies, per split column
        List<String[]> rows = Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",")).toList();
        double[] expected = new double[2];
        int[] counts = new int[2];
        for (String[] r : rows) {
            int s = r[1].equals("train") ? 0 : 1;
            counts[s]++;
            expected[s] += r[2].equals(r[3]) ? 1 : 0;
        }
        assertThat(counts[0] + counts[1]).isEqualTo(40);
        assertThat(counts[1]).isPositive();
        assertThat(text.out()).contains(String.format(Locale.ROOT, "train rows %.2f%% of %d, test rows %.2f%% of %d",
                100 * expected[0] / counts[0], counts[0], 100 * expected[1] / counts[1], counts[1]));

        CliRun json = CliRun.of("predict", "--model", model, "--data", data, "--out", dir.resolve("q.csv").toString(),
                "--json");
        JsonNode node = Json.MAPPER.readTree(json.out());
        assertThat(node.path("train").path("rows").asInt()).isEqualTo(counts[0]);
        assertThat(node.path("test").path("rows").asInt()).isEqualTo(counts[1]);
        assertThat(node.path("train").path("accuracy").asDouble()).isCloseTo(expected[0] / counts[0], within(1e-12));
        assertThat(node.path("test").path("accuracy").asDouble()).isCloseTo(expected[1] / counts[1], within(1e-12));
        assertThat(node.has("accuracy")).as("no single number over both splits").isFalse();
    }
}
