package org.mla4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.TestDatasets;

/** {@code mla missing} and {@code mla isolation} on a tiny grid: files written, re-runs do nothing new. */
class MissingCommandTest {
    @TempDir
    Path dir;

    @Test
    void missingGridWritesTablesAndPlotAndResumes() throws Exception {
        Path data = TestDatasets.builder().samples(40).write(dir.resolve("data"));
        Path out = dir.resolve("missing");
        String[] args = {"missing", "--data", data.toString(), "--rates", "0.2,0.5", "--methods", "mla,concat",
            "--seeds", "1", "--epochs", "2", "--width", "8", "--layers", "1", "--out", out.toString(), "--quiet"};
        CliRun first = CliRun.of(args);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        for (String f : new String[] {"missing.md", "missing.csv", "missing.json", "missing.png"}) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        assertThat(Files.readString(out.resolve("missing.md"))).contains("| mla |").contains("η 0.2").contains("η 0.5");
        try (var runs = Files.list(out.resolve("runs"))) {
            assertThat(runs.count()).isEqualTo(4);
        }
        long stamp = Files.getLastModifiedTime(out.resolve("runs").resolve("mla-missing0.2-seed0").resolve("metrics.json"))
                .toMillis();
        CliRun again = CliRun.of(args);
        assertThat(again.exitCode()).isZero();
        assertThat(Files.getLastModifiedTime(out.resolve("runs").resolve("mla-missing0.2-seed0").resolve("metrics.json"))
                .toMillis()).as("finished runs are reused").isEqualTo(stamp);
    }

    @Test
    void isolationReportsEveryModalityPerRatioAndRejectsUnknownModality() throws Exception {
        Path data = TestDatasets.builder().samples(40).write(dir.resolve("data"));
        Path out = dir.resolve("iso");
        CliRun run = CliRun.of("isolation", "--data", data.toString(), "--modality", "b", "--ratios", "0,0.5",
                "--methods", "mla", "--epochs", "2", "--width", "8", "--layers", "1", "--out", out.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String md = Files.readString(out.resolve("isolation.md"));
        assertThat(md).contains("mla · a").contains("mla · b").contains("ratio 0.5");
        assertThat(out.resolve("isolation.png")).isNotEmptyFile();

        CliRun bad = CliRun.of("isolation", "--data", data.toString(), "--modality", "sound", "--out",
                dir.resolve("x").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown modality 'sound'").contains("a, b");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void missingRateOutsideRangeIsRejected() {
        CliRun bad = CliRun.of("missing", "--rates", "0.2,1.5", "--out", dir.resolve("y").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--rates values must be in (0, 1)");
        CliRun train = CliRun.of("train", "--missing-rate", "1", "--out", dir.resolve("z").toString());
        assertThat(train.exitCode()).isEqualTo(2);
        assertThat(train.err()).contains("--missing-rate must be in [0, 1)");
    }
}
