package org.mla4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.io.InvalidInputException;
import org.mla4j.train.TrainSettings;

/** The {@code analysis:} section of a spec: its two forms, its checks and messages, and its round trip (no training). */
class AnalysisSpecTest {
    private static final Path FILE = Path.of("specs", "exp.yaml");
    private static final String BASE = "data: ../data/tiny\nmethods: [mla, concat, late]\nseeds: 2\n";

    @TempDir
    Path dir;

    private static Experiment load(String yaml, String... sets) {
        return Experiment.of(SpecReader.parse(FILE, yaml, List.of(sets)));
    }

    private static String error(String yaml, String... sets) {
        try {
            load(yaml, sets);
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("no error for " + yaml);
    }

    @Test
    void aListNamesAnalysesWithTheirDefaults() {
        AnalysisPlan plan = load(BASE + "analysis: [robustness, convergence, cost]\n").analysis();
        assertThat(plan.robustness()).isEqualTo(new AnalysisPlan.Robustness(List.of(0.0, 0.5, 1.0, 2.0, 4.0, 8.0),
                List.of(0.25, 0.5, 1.0), List.of("all"), 0));
        assertThat(plan.convergence().threshold()).isEqualTo(0.95);
        assertThat(plan.cost()).isEqualTo(new AnalysisPlan.Cost(20, true, 2));
        assertThat(plan.dataSize()).isNull();
        assertThat(load(BASE + "analysis: robustness\n").analysis().robustness()).isNotNull();
        assertThat(load(BASE).analysis().isEmpty()).isTrue();
    }

    @Test
    void aMappingGivesSettingsSortedAndFalseLeavesAnAnalysisOut() {
        AnalysisPlan plan = load(BASE + """
                analysis:
                  robustness: {noise: [2, 0, 1, 1], blank: 0.5, modalities: [b], seed: 7}
                  convergence: true
                  cost: false
                  data_size: {fractions: [1, 0.25], methods: [mla]}
                """).analysis();
        assertThat(plan.robustness()).isEqualTo(new AnalysisPlan.Robustness(List.of(0.0, 1.0, 2.0), List.of(0.5),
                List.of("b"), 7));
        assertThat(plan.robustness().modalitiesOf(List.of("a", "b", "c"))).containsExactly("b");
        assertThat(plan.convergence()).isNotNull();
        assertThat(plan.cost()).isNull();
        assertThat(plan.dataSize()).isEqualTo(new AnalysisPlan.DataSize(List.of(0.25, 1.0), List.of("mla")));
    }

    @Test
    void unknownAnalysesAndKeysAreNamedWithTheClosestValidOne() {
        assertThat(error(BASE + "analysis: [robustnes]\n")).isEqualTo("specs/exp.yaml: analysis names unknown analysis "
                + "'robustnes' (did you mean 'robustness'?); valid analyses: robustness, convergence, cost, data_size");
        assertThat(error(BASE + "analysis: {convergance: true}\n")).isEqualTo("specs/exp.yaml: unknown key "
                + "'analysis.convergance' (did you mean 'convergence'?); valid keys in analysis: robustness, "
                + "convergence, cost, data_size");
        assertThat(error(BASE + "analysis: {robustness: {noize: [1]}}\n")).isEqualTo("specs/exp.yaml: unknown key "
                + "'analysis.robustness.noize' (did you mean 'noise'?); valid keys in analysis.robustness: noise, "
                + "blank, modalities, seed");
        assertThat(error(BASE + "analysis: {robustness: {blank: [0.5, 2]}}\n")).isEqualTo("specs/exp.yaml: "
                + "analysis.robustness.blank entries must be in (0, 1], got 2");
        assertThat(error(BASE + "analysis: {robustness: {noise: [-1]}}\n"))
                .isEqualTo("specs/exp.yaml: analysis.robustness.noise entries must be >= 0, got -1");
        assertThat(error(BASE + "analysis: {cost: 3}\n")).isEqualTo("specs/exp.yaml: analysis.cost must be true, "
                + "false or a mapping of its settings (keys: repeats, memory, probe_epochs), got 3");
        assertThat(error(BASE + "analysis: [{robustness: {}}]\n")).contains("analysis entries must be names");
        assertThat(error(BASE + "analysis: 3\n")).contains("analysis must be a list of analyses");
        assertThat(error(BASE + "analysis: {cost: {repeats: 5}}\n", "analysis.cost.repeats=0"))
                .isEqualTo("--set analysis.cost.repeats=0: analysis.cost.repeats must be at least 1, got 0");
    }

    @Test
    void dataSizeMakesVariantsOfItsMethodsAndRefusesOtherVariants() {
        Experiment e = load(BASE + "analysis: {data_size: {fractions: [0.25, 0.5, 1], methods: [concat, mla]}}\n");
        assertThat(e.hasVariants()).as("the grid's own rows keep their names").isFalse();
        assertThat(e.rows()).containsExactly("mla", "concat", "late", "mla (train 25 %)", "concat (train 25 %)",
                "mla (train 50 %)", "concat (train 50 %)");
        Experiment.Variant quarter = e.variants().get(1);
        assertThat(e.config("mla", quarter, 0, 0).settings().get(TrainSettings.TRAIN_FRACTION)).isEqualTo(0.25);
        assertThat(e.config("mla", e.variants().get(0), 0, 0).settings().get(TrainSettings.TRAIN_FRACTION))
                .isEqualTo(1.0);
        assertThat(ExperimentGrid.directoryName("mla", quarter, 0, 1)).isEqualTo("mla-train-25-seed1");
        assertThat(AnalysisPlan.DataSize.variantName(0.1)).isEqualTo("train 10 %");
        assertThat(AnalysisPlan.DataSize.variantName(0.125)).isEqualTo("train 12.5 %");

        assertThat(error(BASE + "analysis: {data_size: {methods: [qmf]}}\n")).isEqualTo("specs/exp.yaml: "
                + "analysis.data_size.methods names unknown method 'qmf'; valid: mla, concat, late (the methods of the "
                + "experiment)");
        assertThat(error(BASE + "variants: [{name: a, options: {hgm: off}}]\nanalysis: [data_size]\n"))
                .startsWith("specs/exp.yaml: analysis.data_size makes its own variants of the grid");
    }

    @Test
    void theResolvedSpecRepeatsTheAnalysesAndTheirRuns() throws Exception {
        Experiment e = load(BASE + "analysis: {robustness: {noise: [0, 3]}, data_size: {fractions: [0.5]}}\n");
        String saved = SpecReader.WRITER.writeValueAsString(e.resolvedSpec(dir));
        assertThat(saved).contains("analysis:").doesNotContain("variants:");
        Experiment again = Experiment.of(SpecReader.parse(dir.resolve("spec.resolved.yaml"), saved, List.of()));
        assertThat(again.analysis()).isEqualTo(e.analysis());
        assertThat(again.rows()).isEqualTo(e.rows());
        assertThat(ExperimentGrid.expand(again, dir).stream().map(p -> p.entry().directory()).toList())
                .isEqualTo(ExperimentGrid.expand(e, dir).stream().map(p -> p.entry().directory()).toList());
    }
}
