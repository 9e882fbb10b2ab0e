package org.mla4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.TestDatasets;
import org.mla4j.execution.ClusterExecutors;

/**
 * Bad execution options of the grid commands get one line and exit code 2 before anything is
 * written; the regenerating command leaves execution options out.
 */
class ExecutionOptionsTest {
    @TempDir
    Path dir;

    private CliRun compare(String... execution) {
        Path data = dir.resolve("data");
        if (!java.nio.file.Files.exists(data)) {
            TestDatasets.builder().samples(60).classes(2).write(data);
        }
        List<String> args = new ArrayList<>(List.of("compare", "--data", data.toString(), "--out",
                dir.resolve("out").toString(), "--methods", "sum", "--seeds", "2", "--epochs", "1", "--quiet"));
        args.addAll(List.of(execution));
        return CliRun.of(args);
    }

    private void assertRefused(CliRun run, String message) throws Exception {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().lines().toList()).as(run.toString()).singleElement().asString()
                .startsWith("error: " + message);
        BadInputCatalogueTest.assertNothingWritten(dir.resolve("out"));
    }

    @Test
    void badExecutionOptionsAreOneLineBeforeAnythingTrains() throws Exception {
        assertRefused(compare("--jobs", "0"), "--jobs must be at least 1, got 0");
        assertRefused(compare("--jobs", "2", "--spark", "local[2]"), "--jobs and --spark do not go together");
        assertRefused(compare("--spark-out", "hdfs://nn/results"), "--spark-out needs --spark MASTER");
        assertRefused(compare("--device", "tpu"), "--device must be cpu, gpu or auto, got 'tpu'");
    }

    @Test
    void sparkWithoutTheSparkBuildSaysHowToGetIt() throws Exception {
        assumeFalse(ClusterExecutors.find("spark") != null,
                "this build has Spark (-Pspark): SparkGridTest covers --spark");
        assertRefused(compare("--spark", "local[2]"), "--spark: this mla4j was built without Spark");
    }

    @Test
    void theRegeneratingCommandLeavesExecutionOptionsOut() {
        assertThat(SweepOutput.regenerating(List.of("mla", "run", "spec.yaml", "--jobs", "2", "--spark=local[2]",
                "--spark-out", "hdfs://x", "--device", "cpu", "--quiet", "--set", "seeds=1")))
                .isEqualTo("mla run spec.yaml --device cpu --set seeds=1");
    }
}
