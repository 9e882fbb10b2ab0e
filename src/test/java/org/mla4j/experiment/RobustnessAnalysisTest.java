package org.mla4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.core.Method;
import org.mla4j.core.Predictions;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.io.Json;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.run.Inference;
import org.mla4j.run.MissingSpec;
import org.mla4j.run.ModelFile;
import org.mla4j.run.ModelInputs;
import org.mla4j.run.RunDirectory;
import org.mla4j.run.TrainingRun;
import org.mla4j.settings.SettingValues;
import org.mla4j.support.TestConfigs;
import org.mla4j.train.EpochListener;

/**
 * The robustness analysis on trained models: σ = 0 is the clean evaluation bit for bit, a modality
 * blanked entirely is the modality absent (for methods that fuse the modalities present, it leaves
 * the fusion), and the analysis is deterministic.
 */
class RobustnessAnalysisTest {
    private static final List<String> METHODS = List.of("mla", "late", "qmf", "concat");
    private static final AnalysisPlan.Robustness PLAN = new AnalysisPlan.Robustness(List.of(0.0, 1.0, 8.0),
            List.of(0.5, 1.0), List.of("all"), 3);

    @TempDir
    static Path dir;
    private static MultimodalDataset data;
    private static final Map<String, Path> RUNS = new LinkedHashMap<>();

    @BeforeAll
    static void train() {
        Path folder = TestDatasets.builder().samples(80).classes(3).write(dir.resolve("data"));
        data = DatasetLoader.load(folder);
        for (String method : METHODS) {
            var config = TestConfigs.run(folder.toString(), method, 0, 3, 8, 0.05, new int[] {}, 0.2,
                    new EncoderSpec("auto", 1, 8), SettingValues.NONE, MissingSpec.NONE);
            Path run = dir.resolve(method);
            RunDirectory.write(run, TrainingRun.execute(config, data, EpochListener.NONE), Map.of(), false);
            RUNS.put(method, run);
        }
    }

    private static RobustnessAnalysis analyse(String method) {
        return RobustnessAnalysis.compute(RUNS.get(method), p -> data, PLAN);
    }

    @Test
    void sigmaZeroEqualsTheCleanEvaluationExactly() throws Exception {
        for (String method : METHODS) {
            RobustnessAnalysis a = analyse(method);
            JsonNode test = Json.MAPPER.readTree(RUNS.get(method).resolve(RunDirectory.METRICS).toFile()).get("test");
            assertThat(a.clean().fusedAccuracy()).as(method).isEqualTo(test.get("fused_accuracy").asDouble());
            test.get("modality_accuracy").fields().forEachRemaining(e -> assertThat(
                    a.clean().modalityAccuracy().get(e.getKey())).as(method + " " + e.getKey())
                    .isEqualTo(e.getValue().asDouble()));
            for (String m : data.modalityNames()) {
                RobustnessAnalysis.Point zero = a.of(m, "noise").get(0);
                assertThat(zero.level()).isZero();
                assertThat(zero.fusedAccuracy()).as(method + ", σ = 0 on " + m).isEqualTo(a.clean().fusedAccuracy());
                assertThat(zero.modalityAccuracy()).isEqualTo(a.clean().modalityAccuracy());
                assertThat(zero.fusionWeight()).isEqualTo(a.clean().fusionWeight());
            }
            // and the logits themselves, against plain inference on the untouched dataset
            ModelFile.Loaded model = ModelFile.load(RUNS.get(method));
            MultimodalDataset aligned = ModelInputs.align(model, data);
            Predictions clean = Inference.predict(model, aligned, aligned.testIndices());
            Predictions zero = predict(model, Corruption.apply(aligned, model.standardizer(), 0, Corruption.Kind.NOISE,
                    0, PLAN.seed(), aligned.testIndices()));
            assertThat(zero.fusedLogits()).as(method).isEqualTo(clean.fusedLogits());
        }
    }

    @Test
    void noiseChangesThePredictions() {
        RobustnessAnalysis a = analyse("mla");
        RobustnessAnalysis.Point loud = a.of("a", "noise").get(2);
        assertThat(loud.level()).isEqualTo(8.0);
        assertThat(loud.modalityAccuracy().get("a")).as("σ = 8 on a").isLessThan(a.clean().modalityAccuracy().get("a"));
        assertThat(loud.modalityAccuracy().get("b")).as("b untouched").isEqualTo(a.clean().modalityAccuracy().get("b"));
    }

    @Test
    void blankingAModalityEntirelyEqualsItsAbsence() {
        for (String method : METHODS) {
            ModelFile.Loaded model = ModelFile.load(RUNS.get(method));
            MultimodalDataset aligned = ModelInputs.align(model, data);
            int[] test = aligned.testIndices();
            boolean[][] absent = {aligned.present(0).clone(), aligned.present(1)};
            for (int row : test) {
                absent[0][row] = false;
            }
            Predictions blanked = predict(model, Corruption.apply(aligned, model.standardizer(), 0,
                    Corruption.Kind.BLANK, 1, PLAN.seed(), test));
            Predictions missing = predict(model, aligned.withPresence(absent));
            assertThat(blanked.fusedLogits()).as(method).isEqualTo(missing.fusedLogits());
            assertThat(blanked.present()).isEqualTo(missing.present());
        }
        for (String method : List.of("mla", "late", "qmf")) {
            RobustnessAnalysis a = analyse(method);
            RobustnessAnalysis.Point gone = a.of("a", "blank").get(1);
            assertThat(gone.level()).isEqualTo(1.0);
            assertThat(gone.fusedAccuracy()).as("%s without a: the fusion is b's own prediction", method)
                    .isEqualTo(a.clean().modalityAccuracy().get("b"));
            assertThat(gone.modalityAccuracy()).doesNotContainKey("a");
            assertThat(gone.fusionWeight()).doesNotContainKey("a");
            if (method.equals("late")) { // QMF's confidences and the recommended MLA's fitted scales are not normalised
                assertThat(gone.fusionWeight()).containsEntry("b", 1.0);
                assertThat(gone.normalised()).isTrue();
            } else {
                assertThat(gone.normalised()).isFalse();
            }
        }
    }

    @Test
    void theAnalysisIsDeterministicAndReadsBackAsWritten() throws Exception {
        RobustnessAnalysis first = analyse("qmf");
        byte[] bytes = Files.readAllBytes(RUNS.get("qmf").resolve(RobustnessAnalysis.FILE));
        RobustnessAnalysis second = analyse("qmf");
        assertThat(Files.readAllBytes(RUNS.get("qmf").resolve(RobustnessAnalysis.FILE))).isEqualTo(bytes);
        assertThat(second).isEqualTo(first);
        assertThat(RobustnessAnalysis.read(RUNS.get("qmf"))).isEqualTo(first);
        assertThat(first.points()).hasSize(2 * (3 + 2));
    }

    private static Predictions predict(ModelFile.Loaded model, MultimodalDataset ds) {
        try (NDManager manager = NDManager.newBaseManager(); Method method = model.instantiate(manager)) {
            return RobustnessAnalysis.predict(method, model, ds, ds.testIndices(), manager);
        }
    }
}
