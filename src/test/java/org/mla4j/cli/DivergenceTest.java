package org.mla4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.TestDatasets;

/** A loss that becomes NaN stops training with one line naming the method and the epoch (exit 1). */
class DivergenceTest {
    @TempDir
    Path dir;

    @Test
    void absurdLearningRateStopsWithOneLine() throws Exception {
        Path data = TestDatasets.builder().samples(60).write(dir.resolve("data"));
        Path out = dir.resolve("run");
        CliRun run = CliRun.of("train", "--data", data.toString(), "--out", out.toString(), "--lr", "1e6",
                "--epochs", "3", "--width", "8", "--quiet");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.errorLines()).singleElement().asString()
                .matches("error: mla diverged in epoch [123]/3: loss_[ab] is (NaN|-?Infinity) \\(try a lower learning rate"
                        + " than 1000000\\.0\\)")
                .doesNotContain("--debug");
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
        BadInputCatalogueTest.assertNothingWritten(out);
    }
}
