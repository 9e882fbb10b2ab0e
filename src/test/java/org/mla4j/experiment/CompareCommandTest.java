package org.mla4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.cli.Main;
import org.mla4j.data.TestDatasets;
import org.mla4j.io.Json;

/** {@code mla compare} on a tiny grid writes its tables and, run again, reuses finished runs. */
class CompareCommandTest {
    @TempDir
    Path dir;

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void writesTablesAndResumes() throws Exception {
        Path data = TestDatasets.builder().samples(40).classes(2).write(dir.resolve("data"));
        Path out = dir.resolve("cmp");
        String[] args = {"compare", "--data", data.toString(), "--methods", "sum,late", "--seeds", "1", "--epochs", "2",
                "--width", "8", "--layers", "1", "--out", out.toString()};
        String[] first = run(args);
        assertThat(first[0]).as(first[2]).isEqualTo("0");
        assertThat(out.resolve("comparison.md")).exists();
        assertThat(out.resolve("comparison.csv")).exists();
        assertThat(out.resolve("comparison.json")).exists();
        assertThat(out.resolve("runs/sum-seed0/metrics.json")).exists();
        assertThat(out.resolve("runs/late-seed0/metrics.json")).exists();
        assertThat(first[1]).contains("| sum |").contains("| late |").contains("Command: `mla compare --data ");
        assertThat(first[2]).contains("[1/2] sum seed 0").contains("[2/2] late seed 0");
        JsonNode json = Json.MAPPER.readTree(out.resolve("comparison.json").toFile());
        assertThat(json.get("rows")).hasSize(2);
        assertThat(Files.readString(out.resolve("comparison.csv"))).startsWith("method,seeds,a_mean");

        // delete one finished run: the re-run trains only that one and reuses the other
        Path kept = out.resolve("runs/sum-seed0/metrics.json");
        FileTime before = Files.getLastModifiedTime(kept);
        org.mla4j.io.AtomicFiles.deleteRecursively(out.resolve("runs/late-seed0"));
        String[] second = run(args);
        assertThat(second[0]).as(second[2]).isEqualTo("0");
        assertThat(second[2]).contains("1 to train, 1 already done").contains("sum seed 0: already done")
                .contains("[2/2] late seed 0: training");
        assertThat(Files.getLastModifiedTime(kept)).isEqualTo(before);
        assertThat(out.resolve("runs/late-seed0/metrics.json")).exists();
        assertThat(Files.readString(out.resolve("comparison.md"))).isEqualTo(second[1]);
    }

    @Test
    void refusesToMixRunsMadeWithOtherSettings() {
        Path data = TestDatasets.builder().samples(40).classes(2).write(dir.resolve("data"));
        Path out = dir.resolve("cmp");
        String[] common = {"compare", "--data", data.toString(), "--methods", "sum", "--seeds", "1", "--width", "8",
                "--layers", "1", "--out", out.toString()};
        assertThat(run(concat(common, "--epochs", "1"))[0]).isEqualTo("0");
        String[] again = run(concat(common, "--epochs", "2"));
        assertThat(again[0]).isEqualTo("2");
        assertThat(again[2]).contains("other settings").contains("epochs 1 vs 2");
    }

    @Test
    void aDivergedRunIsReportedAndTheGridGoesOn() throws Exception {
        Path data = TestDatasets.builder().samples(40).classes(2).write(dir.resolve("data"));
        Path out = dir.resolve("cmp");
        String[] result = run("compare", "--data", data.toString(), "--methods", "sum,late", "--seeds", "1",
                "--epochs", "2", "--lr", "1e30", "--width", "8", "--layers", "1", "--out", out.toString());
        assertThat(result[0]).isEqualTo("1");
        assertThat(result[2]).contains("sum seed 0: FAILED").contains("diverged").contains("2 run(s) failed");
        assertThat(Files.readString(out.resolve("comparison.md"))).contains("Runs that failed");
        assertThat(out.resolve("runs/sum-seed0")).doesNotExist();
    }

    @Test
    void rejectsUnknownMethodsAndConditionModalities() {
        Path data = TestDatasets.builder().samples(40).classes(2).write(dir.resolve("data"));
        String[] unknown = run("compare", "--data", data.toString(), "--methods", "sum,nope", "--out", dir.toString());
        assertThat(unknown[0]).isEqualTo("2");
        assertThat(unknown[2]).contains("unknown method 'nope'");
        String[] condition = run("compare", "--data", data.toString(), "--methods", "film", "--condition-modality", "z",
                "--out", dir.resolve("c").toString());
        assertThat(condition[0]).isEqualTo("2");
        assertThat(condition[2]).contains("'z'").contains("valid: a, b");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
