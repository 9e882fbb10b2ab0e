package org.mla4j.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.cli.CliRun;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.settings.SettingValues;
import org.mla4j.support.TestConfigs;
import org.mla4j.train.Checkpointer;
import org.mla4j.train.EpochListener;
import org.mla4j.train.TrainingState;

/**
 * A run that stops after a checkpoint and is resumed ends exactly like an uninterrupted one, the
 * checkpoint keeps every value bit for bit (float64 HGM matrix included), and a damaged or
 * mismatched checkpoint is refused with a clear message. The crash is simulated in-process here;
 * {@code KillAndResumeTest} does it with a real SIGKILL.
 */
class CheckpointResumeTest {
    private static final int EPOCHS = 4;

    @TempDir
    static Path shared;

    static Path dataDir;
    static MultimodalDataset dataset;
    static RunOutcome uninterrupted;

    @TempDir
    Path dir;

    @BeforeAll
    static void reference() {
        dataDir = TestDatasets.builder().samples(240).classes(4).modality("a", 12).modality("b", 6)
                .write(shared.resolve("data"));
        dataset = DatasetLoader.load(dataDir);
        uninterrupted = TrainingRun.execute(config(), dataset, EpochListener.NONE);
    }

    static RunConfig config() {
        return TestConfigs.run(dataDir.toString(), "mla", 7, EPOCHS, 24, 0.05, new int[] {3}, 0.2,
                new EncoderSpec("mlp", 2, 8), SettingValues.NONE, MissingSpec.NONE);
    }

    static CheckpointFiles.Header header() {
        return new CheckpointFiles.Header(config(), Map.of("command", List.of("mla", "train")), dataset.name(),
                dataset.checksum());
    }

    /** Trains with a checkpoint after every epoch and "crashes" right after saving epoch {@code stopAfter}. */
    static TrainingState crashAfter(Path runDir, int stopAfter) {
        return CrashAndResume.crash(config(), dataset, runDir, stopAfter);
    }

    @Test
    void resumedRunEqualsTheUninterruptedOne() {
        Path run = dir.resolve("run");
        crashAfter(run, 2);
        CheckpointFiles.Saved saved = CheckpointFiles.load(run);
        assertThat(saved.state().epochsDone()).isEqualTo(2);
        RunOutcome resumed = TrainingRun.execute(saved.header().config(), dataset, EpochListener.NONE, saved.state(),
                Checkpointer.NONE);

        assertThat(CrashAndResume.withoutTiming(resumed.history())).isEqualTo(CrashAndResume.withoutTiming(uninterrupted.history()));
        assertThat(resumed.bestEpoch()).isEqualTo(uninterrupted.bestEpoch());
        assertThat(resumed.test()).isEqualTo(uninterrupted.test());
        assertThat(resumed.validation()).isEqualTo(uninterrupted.validation());
        assertThat(resumed.lastEpochTest()).isEqualTo(uninterrupted.lastEpochTest());
        assertThat(resumed.parameters().values()).containsOnlyKeys(uninterrupted.parameters().values().keySet());
        resumed.parameters().values().forEach((name, v) ->
                assertThat(v).as(name).containsExactly(uninterrupted.parameters().values().get(name)));
    }

    @Test
    void checkpointKeepsEveryValueExactly() {
        Path run = dir.resolve("run");
        TrainingState written = crashAfter(run, 1);
        TrainingState read = CheckpointFiles.load(run).state();

        assertThat(read.methodState()).containsOnlyKeys(written.methodState().keySet()).containsKey("hgm.P");
        written.methodState().forEach((k, v) -> assertThat(read.methodState().get(k)).as(k).containsExactly(v));
        for (var pair : List.of(List.of(written.parameters(), read.parameters()),
                List.of(written.momentum(), read.momentum()), List.of(written.best(), read.best()))) {
            assertThat(pair.get(1).values()).containsOnlyKeys(pair.get(0).values().keySet());
            pair.get(0).values().forEach((k, v) -> assertThat(pair.get(1).values().get(k)).as(k).containsExactly(v));
        }
        assertThat(read.history()).isEqualTo(written.history());
        assertThat(read.bestEpoch()).isEqualTo(written.bestEpoch());
        assertThat(read.bestAccuracy()).isEqualTo(written.bestAccuracy());
    }

    @Test
    void onlyTheLatestStateFileIsKept() throws IOException {
        Path run = dir.resolve("run");
        crashAfter(run, 3);
        try (Stream<Path> files = Files.list(run.resolve("checkpoint"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("checkpoint.json", "state-epoch0003.npz");
        }
    }

    @Test
    void resumeThroughTheCliCommitsTheRunAndDropsTheCheckpoint() throws IOException {
        Path run = dir.resolve("run");
        crashAfter(run, 2);
        CliRun cli = CliRun.of("train", "--resume", run.toString(), "--quiet");
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(run.resolve("checkpoint")).doesNotExist();
        assertThat(run.resolve("metrics.json")).exists();
        assertThat(Files.readString(run.resolve("history.csv")).lines()).hasSize(EPOCHS + 1);
        try (Stream<Path> siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("run");
        }
    }

    @Test
    void damagedStateFileIsRefused() throws IOException {
        Path run = dir.resolve("run");
        crashAfter(run, 1);
        TestDatasets.overwrite(run.resolve("checkpoint/state-epoch0001.npz"), 100, (byte) 0x55, (byte) 0xAA);
        assertResumeRefused(run, "state-epoch0001.npz", "is damaged");
    }

    @Test
    void stateFileOutsideTheCheckpointIsRefused() throws IOException {
        Path run = dir.resolve("run");
        crashAfter(run, 1);
        editJson(run, "\"state-epoch0001.npz\"", "\"../../state-epoch0001.npz\"");
        assertResumeRefused(run, "checkpoint.json", "names the state file");
    }

    @Test
    void checkpointThatDoesNotFitItsSettingsIsRefused() throws IOException {
        Path run = dir.resolve("run");
        crashAfter(run, 1);
        editJson(run, "\"width\" : 8", "\"width\" : 9");
        assertResumeRefused(run, "checkpoint.json", "does not fit");
    }

    @Test
    void checkpointWithoutTheMethodStateIsRefused() throws IOException {
        Path run = dir.resolve("run");
        TrainingState written = crashAfter(run, 1);
        Map<String, double[]> withoutP = new java.util.LinkedHashMap<>(written.methodState());
        withoutP.remove("hgm.P");
        CheckpointFiles.write(run, header(), 1, new TrainingState(written.epochsDone(), written.history(),
                written.bestEpoch(), written.bestAccuracy(), written.best(), written.parameters(), written.momentum(),
                withoutP, written.elapsedSeconds()));
        assertResumeRefused(run, "checkpoint.json", "lacks 'hgm.P'");
    }

    @Test
    void changedDatasetIsRefused() throws IOException {
        Path run = dir.resolve("run");
        Path copy = dir.resolve("data");
        try (Stream<Path> files = Files.list(dataDir)) {
            Files.createDirectories(copy);
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        crashAfter(run, 1);
        editJson(run, "\"data\" : \"" + dataDir + "\"", "\"data\" : \"" + copy + "\"");
        TestDatasets.builder().samples(240).classes(4).modality("a", 12).modality("b", 6).label(0, 1).write(copy);
        assertResumeRefused(run, copy.toString(), "dataset changed");
    }

    @Test
    void truncatedCheckpointJsonIsRefused() throws IOException {
        Path run = dir.resolve("run");
        crashAfter(run, 1);
        Path json = run.resolve("checkpoint/checkpoint.json");
        Files.writeString(json, Files.readString(json).substring(0, 300));
        assertResumeRefused(run, "checkpoint.json", "not valid JSON: it ends at line", "(truncated?)");
    }

    private static void assertResumeRefused(Path run, String... fragments) throws IOException {
        byte[] before = Files.readAllBytes(run.resolve("checkpoint/checkpoint.json"));
        CliRun cli = CliRun.of("train", "--resume", run.toString());
        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(2);
        assertThat(cli.errorLines()).as(cli.toString()).singleElement().asString().contains(fragments);
        assertThat(cli.err()).doesNotContain("\tat ");
        // a refused resume changes nothing: the checkpoint is still there to fix and retry
        assertThat(run.resolve("metrics.json")).doesNotExist();
        assertThat(Files.readAllBytes(run.resolve("checkpoint/checkpoint.json"))).isEqualTo(before);
    }

    private static void editJson(Path run, String from, String to) throws IOException {
        Path json = run.resolve("checkpoint/checkpoint.json");
        String text = Files.readString(json);
        assertThat(text).contains(from);
        Files.writeString(json, text.replace(from, to));
    }
}
