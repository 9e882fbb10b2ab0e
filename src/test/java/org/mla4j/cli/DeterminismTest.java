package org.mla4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.method.Methods;
import org.mla4j.method.missing.IfMminOptions;
import org.mla4j.method.missing.MminOptions;
import org.mla4j.method.missing.TateOptions;
import org.mla4j.run.CheckpointFiles;
import org.mla4j.run.RunCheckpointer;
import org.mla4j.run.RunDirectory;
import org.mla4j.run.RunOutcome;
import org.mla4j.run.SavedRun;
import org.mla4j.run.TrainingRun;
import org.mla4j.settings.Setting;
import org.mla4j.train.Checkpointer;
import org.mla4j.train.EpochListener;
import org.mla4j.train.TrainingState;

/**
 * The same command gives the same bits, whatever else the machine does: for every method, two runs
 * of one {@code mla train} started at the same time in two JVMs — beside a thread that keeps a core
 * busy, with small heaps that make the garbage collector free native memory often (what exposed
 * QMF's freed scalar operands) — write byte-identical {@code model.npz} and metrics; and a run that
 * stops after a checkpoint and is resumed ends with the same model file.
 */
class DeterminismTest {
    private static final List<String> PRESSURE = List.of("-Xmx128m", "-Xmn1m", "-XX:+UseSerialGC");
    private static final AtomicBoolean BURN = new AtomicBoolean(true);

    @TempDir
    static Path shared;

    static Path data;

    @BeforeAll
    static void dataAndLoad() {
        data = TestDatasets.builder().samples(150).classes(3).modality("a", 12).modality("b", 6).modality("c", 4)
                .write(shared.resolve("data"));
        Thread burner = new Thread(() -> {
            double x = 0;
            while (BURN.get()) {
                x = Math.sin(x + 1);
            }
        }, "cpu-burner");
        burner.setDaemon(true);
        burner.start();
    }

    @AfterAll
    static void stopBurning() {
        BURN.set(false);
    }

    static List<String> methods() {
        return Methods.names();
    }

    private static String[] train(String method, Path out) {
        List<String> args = new ArrayList<>(List.of("train", "--method", method, "--data", data.toString(),
                "--epochs", "2", "--batch-size", "16", "--layers", "1", "--width", "8", "--seed", "3",
                "--out", out.toString(), "--quiet"));
        Setting<Integer> teacher = TEACHER_EPOCHS.get(method);
        if (teacher != null) { // one teacher epoch, one student epoch: both stages and their boundary
            args.addAll(List.of(teacher.option(), "1"));
        }
        return args.toArray(String[]::new);
    }

    private static final Map<String, Setting<Integer>> TEACHER_EPOCHS = Map.of("mmin", MminOptions.TEACHER_EPOCHS,
            "if-mmin", IfMminOptions.TEACHER_EPOCHS, "tate", TateOptions.TEACHER_EPOCHS);

    @ParameterizedTest
    @MethodSource("methods")
    void concurrentRunsAndAResumedOneWriteTheSameBits(String method) throws Exception {
        Path a = shared.resolve(method + "-a");
        Path b = shared.resolve(method + "-b");
        Process pa = ChildProcess.start(shared.resolve(method + "-a.log"), PRESSURE, train(method, a));
        Process pb = ChildProcess.start(shared.resolve(method + "-b.log"), PRESSURE, train(method, b));
        assertThat(pa.waitFor(300, TimeUnit.SECONDS) && pb.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(pa.exitValue()).as(Files.readString(shared.resolve(method + "-a.log"))).isZero();
        assertThat(pb.exitValue()).as(Files.readString(shared.resolve(method + "-b.log"))).isZero();
        byte[] model = Files.readAllBytes(a.resolve("model.npz"));
        assertThat(Files.readAllBytes(b.resolve("model.npz"))).as("model.npz of two concurrent runs").isEqualTo(model);
        assertThat(RunFiles.metricsWithoutTiming(b)).isEqualTo(RunFiles.metricsWithoutTiming(a));
        assertThat(RunFiles.historyWithoutTiming(b)).isEqualTo(RunFiles.historyWithoutTiming(a));

        Path resumed = shared.resolve(method + "-resumed");
        var config = SavedRun.settings(a);
        MultimodalDataset dataset = DatasetLoader.load(data);
        CheckpointFiles.Header header = new CheckpointFiles.Header(config, Map.of("command", List.of("test")),
                dataset.name(), dataset.checksum());
        RunCheckpointer files = new RunCheckpointer(resumed, 1, header, false);
        Checkpointer stopAfterOne = new Checkpointer() {
            @Override
            public boolean due(int done, int total) {
                return files.due(done, total);
            }

            @Override
            public void save(TrainingState state) {
                files.save(state);
                if (state.epochsDone() == 1) {
                    throw new IllegalStateException("stopped after epoch 1");
                }
            }
        };
        assertThatThrownBy(() -> TrainingRun.execute(config, dataset, EpochListener.NONE, null, stopAfterOne))
                .hasMessage("stopped after epoch 1");
        CheckpointFiles.Saved saved = CheckpointFiles.load(resumed);
        RunOutcome outcome = TrainingRun.execute(config, dataset, EpochListener.NONE, saved.state(), Checkpointer.NONE);
        RunDirectory.write(resumed, outcome, Map.of(), true);
        assertThat(Files.readAllBytes(resumed.resolve("model.npz"))).as("model.npz after a resume").isEqualTo(model);
    }
}
