package org.mla4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.raw.TinyRawDataset;
import org.mla4j.io.Json;

/**
 * Every command that produces results honours {@code --quiet} (nothing on standard output or
 * error) and {@code --json} (standard output is one JSON document).
 */
class OutputModesTest {
    @TempDir
    Path dir;

    private static final String[] TINY = {"--epochs", "1", "--width", "4", "--layers", "1", "--batch-size", "8"};

    private static String[] args(String[] head, String... tail) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    private static void quietAndJson(String... command) throws Exception {
        CliRun quiet = CliRun.of(args(command, "--quiet"));
        assertThat(quiet.exitCode()).as(quiet.toString()).isZero();
        assertThat(quiet.out()).as(String.join(" ", command)).isEmpty();
        assertThat(quiet.err()).as(String.join(" ", command)).isEmpty();
        CliRun json = CliRun.of(args(command, "--json"));
        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode node = Json.MAPPER.readTree(json.out());
        assertThat(node.isContainerNode()).as(json.out()).isTrue();
    }

    @Test
    void everyCommandHasQuietAndJsonModes() throws Exception {
        String data = TestDatasets.builder().samples(30).classes(2).write(dir.resolve("data")).toString();
        String model = dir.resolve("model").toString();
        CliRun train = CliRun.of(args(args(new String[] {"train"}, TINY), "--data", data, "--out", model, "--quiet"));
        assertThat(train.exitCode()).as(train.toString()).isZero();
        assertThat(train.out() + train.err()).isEmpty();
        CliRun trainJson = CliRun.of(args(args(new String[] {"train"}, TINY), "--data", data, "--out",
                dir.resolve("m2").toString(), "--json"));
        assertThat(Json.MAPPER.readTree(trainJson.out()).get("test")).isNotNull();
        assertThat(trainJson.err()).as("--json keeps standard error free of progress lines").isEmpty();

        quietAndJson("eval", "--model", model);
        quietAndJson("predict", "--model", model, "--data", data, "--out", dir.resolve("p.csv").toString());
        quietAndJson(args(args(new String[] {"compare"}, TINY), "--data", data, "--methods", "sum", "--seeds", "1",
                "--out", dir.resolve("cmp").toString()));
        quietAndJson(args(args(new String[] {"missing"}, TINY), "--data", data, "--methods", "mla", "--seeds", "1",
                "--rates", "0.5", "--out", dir.resolve("miss").toString()));
        quietAndJson(args(args(new String[] {"isolation"}, TINY), "--data", data, "--methods", "mla", "--seeds", "1",
                "--modality", "a", "--ratios", "0.5", "--out", dir.resolve("iso").toString()));
        Path raw = TinyRawDataset.write(dir.resolve("raw"));
        quietAndJson("extract", "--data", raw.toString(), "--out", dir.resolve("x").toString(), "--force");
    }

    @Test
    void versionNamesTheEngine() {
        CliRun v = CliRun.of("--version");
        assertThat(v.exitCode()).isZero();
        assertThat(v.out()).startsWith("mla4j ").contains("DJL 0.35.1").contains("PyTorch");
    }
}
