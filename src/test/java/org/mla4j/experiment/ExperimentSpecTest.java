package org.mla4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mla4j.io.InvalidInputException;
import org.mla4j.method.baseline.LateFusion;
import org.mla4j.method.mla.MlaOptions;
import org.mla4j.method.shared.FusionMode;
import org.mla4j.run.RunConfig;
import org.mla4j.train.TrainSettings;

/** Parsing, validation and overrides of experiment specs (no training). */
class ExperimentSpecTest {
    private static final Path FILE = Path.of("specs", "exp.yaml");

    private static final String VALID = """
            name: demo
            data: ../data/tiny
            methods: [mla, concat]
            seeds: 2
            train: {epochs: 5, batch_size: 16, lr: 0.05}
            encoder: {layers: 1, width: 8}
            options: {hgm: off}
            missing: {rates: [0.3, 0, 0.1]}
            """;

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
        throw new AssertionError("no error for " + yaml + " " + List.of(sets));
    }

    @Test
    void validSpecResolvesEveryDefault() {
        Experiment e = load(VALID);
        assertThat(e.name()).isEqualTo("demo");
        assertThat(e.methods()).containsExactly("mla", "concat");
        assertThat(e.seeds()).containsExactly(0L, 1L);
        assertThat(e.rates()).containsExactly(0.0, 0.1, 0.3);
        assertThat(e.data().toAbsolutePath().normalize())
                .isEqualTo(Path.of("data", "tiny").toAbsolutePath().normalize()); // relative to the spec file
        assertThat(e.hasVariants()).isFalse();
        assertThat(e.gapMethods()).containsExactly("mla", "concat");
        RunConfig c = e.config("mla", e.variants().get(0), 0.1, 1);
        assertThat(c.epochs()).isEqualTo(5);
        assertThat(c.settings().get(TrainSettings.BATCH_SIZE)).isEqualTo(16);
        assertThat(c.settings().get(TrainSettings.LR)).isEqualTo(0.05);
        assertThat(c.settings().get(TrainSettings.MOMENTUM)).isEqualTo(0.9);
        assertThat(c.settings().get(TrainSettings.WEIGHT_DECAY)).isEqualTo(1e-4);
        assertThat(c.settings().get(TrainSettings.LR_DECAY_EPOCHS)).containsExactly(5); // after 70 % of 5, from 1
        assertThat(c.validationFraction()).isEqualTo(0.1);
        assertThat(c.encoder().layers()).isEqualTo(1);
        assertThat(c.encoder().width()).isEqualTo(8);
        assertThat(MlaOptions.from(c.options()).hgm()).isFalse();
        assertThat(MlaOptions.from(c.options()).fusion()).isEqualTo(FusionMode.MEAN); // the recommended preset
        assertThat(c.missing().rate()).isEqualTo(0.1);
        assertThat(c.missing().seed()).isEqualTo(1);
        assertThat(e.config("late", e.variants().get(0), 0, 0).options().get(LateFusion.FUSION)).isEqualTo(FusionMode.MEAN);
    }

    @Test
    void nameDefaultsToTheFileNameAndAllMeansEveryMethod() {
        Experiment e = load("data: x\nmethods: all\nseeds: [4, 2]\n");
        assertThat(e.name()).isEqualTo("exp");
        assertThat(e.methods()).hasSize(org.mla4j.method.Methods.names().size());
        assertThat(e.seeds()).containsExactly(4L, 2L);
    }

    @Test
    void unknownKeysAreNamedWithTheValidOnes() {
        assertThat(error(VALID + "seed: 3\n")).isEqualTo("specs/exp.yaml: unknown key 'seed' (did you mean 'seeds'?); "
                + "valid keys: name, description, data, methods, seeds, train, encoder, options, missing, variants, report, "
                + "analysis");
        assertThat(error(VALID.replace("epochs: 5", "epoch: 5"))).isEqualTo("specs/exp.yaml: unknown key 'train.epoch' "
                + "(did you mean 'epochs'?); valid keys in train: epochs, batch_size, lr, momentum, weight_decay, "
                + "lr_decay_epochs, lr_decay_factor, val_fraction, train_fraction, split_seed, optimizer, adam_betas, adam_eps, clip_norm, lr_policy, "
                + "lr_constant_epochs, selection, validate_modalities");
        assertThat(error(VALID + "variants: [{name: a, option: {hgm: on}}]\n"))
                .startsWith("specs/exp.yaml: unknown key 'variants[0].option' (did you mean 'options'?); valid keys in "
                        + "variants[]: name, methods, options");
        assertThat(error(VALID + "report: {gap: [mla]}\n")).contains("unknown key 'report.gap'")
                .contains("valid keys in report: modality_gap, curves");
    }

    @Test
    void valuesOfTheWrongKindAreRefused() {
        assertThat(error(VALID.replace("epochs: 5", "epochs: thirty")))
                .isEqualTo("specs/exp.yaml: train.epochs must be an integer, got 'thirty'");
        assertThat(error(VALID.replace("epochs: 5", "epochs: 3.5")))
                .isEqualTo("specs/exp.yaml: train.epochs must be an integer, got 3.5");
        assertThat(error(VALID.replace("lr: 0.05", "lr: [1]"))).isEqualTo("specs/exp.yaml: train.lr must be a number, got a list");
        assertThat(error(VALID + "description: {a: 1}\n")).contains("description must be a single value (text), got a mapping");
        assertThat(error(VALID.replace("seeds: 2", "seeds: two")))
                .startsWith("specs/exp.yaml: seeds must be a number of seeds (3 = seeds 0, 1, 2) or a list");
        assertThat(error("data: x\nmethods: [mla]\ntrain: [1]\n")).contains("train must be a mapping of keys, got a list");
        assertThat(error("data: x\nmethods: [mla]\ndata: y\n")).contains("is not valid YAML").contains("Duplicate field 'data'");
        assertThat(error("[1, 2]")).contains("an experiment spec is a mapping of keys");
    }

    @Test
    void settingsOutOfRangeNameTheirKey() {
        assertThat(error(VALID.replace("epochs: 5", "epochs: 0"))).isEqualTo("specs/exp.yaml: train.epochs must be at least 1, got 0");
        assertThat(error(VALID.replace("[mla, concat]", "[mla, mlaa]")))
                .isEqualTo("specs/exp.yaml: methods names unknown method 'mlaa'; valid: "
                        + String.join(", ", org.mla4j.method.Methods.names()) + " (or all)");
        assertThat(error(VALID.replace("hgm: off", "hgm: maybe"))).isEqualTo("specs/exp.yaml: options.hgm must be on or off, got 'maybe'");
        assertThat(error(VALID + "variants: [{name: x, options: {fusion: median}}]\n"))
                .isEqualTo("specs/exp.yaml: variants[0].options.fusion must be one of dynamic, mean, got 'median'");
        assertThat(error(VALID + "variants: [{name: x}, {name: X}]\n")).contains("variants[1].name 'X' is the same name");
        assertThat(error(VALID.replace("[0.3, 0, 0.1]", "[1.5]"))).contains("missing.rates entries must be in [0, 1), got 1.5");
        assertThat(error("methods: [mla]\n")).startsWith("specs/exp.yaml: data is required");
        assertThat(error(VALID + "report: {modality_gap: [qmf]}\n")).contains("report.modality_gap names qmf, not among "
                + "the experiment's methods (mla, concat); remove it from report.modality_gap or add it to methods");
        assertThat(error(VALID + "report: {modality_gap: [qmff]}\n")).contains("report.modality_gap names unknown method 'qmff'");
        String fusedOnly = VALID.replace("lr: 0.05}", "lr: 0.05, validate_modalities: off}");
        assertThat(error(fusedOnly)).isEqualTo("specs/exp.yaml: report.curves draws each modality's validation accuracy "
                + "after every epoch, which train.validate_modalities: off does not record; set report.curves: false or "
                + "validate_modalities: on");
        assertThat(load(fusedOnly + "report: {curves: false}\n").curves()).isFalse();
    }

    @Test
    void commandLineOverridesApplyAndAreNamedInErrors() {
        Experiment e = load(VALID, "train.epochs=30", "methods=mla,late", "missing.rates=0.5", "seeds=[7]",
                "options.hgm=on", "encoder.per_modality.a=mlp", "data=/elsewhere/d");
        assertThat(e.epochs()).isEqualTo(30);
        assertThat(e.methods()).containsExactly("mla", "late");
        assertThat(e.rates()).containsExactly(0.5);
        assertThat(e.seeds()).containsExactly(7L);
        assertThat(e.data()).isEqualTo(Path.of("/elsewhere/d"));
        RunConfig c = e.config("mla", e.variants().get(0), 0.5, 7);
        assertThat(MlaOptions.from(c.options()).hgm()).isTrue();
        assertThat(c.encoder().perModality()).containsEntry("a", "mlp");
        assertThat(c.settings().get(TrainSettings.LR_DECAY_EPOCHS)).containsExactly(22); // after 21 of 30

        Experiment reset = load(VALID, "train.lr=");
        assertThat(reset.config("mla", reset.variants().get(0), 0, 0).settings().get(TrainSettings.LR)).isEqualTo(0.01);

        Experiment v = load(VALID + "variants: [{name: a, options: {hgm: on}}, {name: b}]\n", "variants.1.options.fusion=mean");
        assertThat(MlaOptions.from(v.config("mla", v.variants().get(1), 0, 0).options()).fusion()).isEqualTo(FusionMode.MEAN);

        assertThat(error(VALID, "train.epoch=30")).isEqualTo("--set train.epoch=30: unknown key 'train.epoch' (did you "
                + "mean 'epochs'?); valid keys in train: epochs, batch_size, lr, momentum, weight_decay, lr_decay_epochs, "
                + "lr_decay_factor, val_fraction, train_fraction, split_seed, optimizer, adam_betas, adam_eps, clip_norm, lr_policy, "
                + "lr_constant_epochs, selection, validate_modalities");
        assertThat(error(VALID, "train.epochs=many")).isEqualTo("--set train.epochs=many: train.epochs must be an integer, got 'many'");
        assertThat(error(VALID, "train.epochs=0")).isEqualTo("--set train.epochs=0: train.epochs must be at least 1, got 0");
        assertThat(error(VALID, "epochs")).startsWith("--set epochs: expected KEY=VALUE");
        assertThat(error(VALID, "train..x=1")).contains("is not a key path");
        assertThat(error(VALID, "name.x=1")).contains("'name' is a single value");
        assertThat(error(VALID + "variants: [{name: a}]\n", "variants.3.name=b")).contains("'variants' is a list of 1 entries");
    }

    @Test
    void gridExpandsEveryCombinationWithStableUniqueFolders() {
        Experiment e = load(VALID + """
                variants:
                  - {name: HGM + DF, methods: [mla], options: {hgm: on, fusion: dynamic}}
                  - {name: "no HGM, mean", methods: [mla], options: {hgm: off, fusion: mean}}
                  - {name: plain}
                """);
        List<ExperimentGrid.PlannedRun> runs = ExperimentGrid.expand(e, Path.of("out"));
        // variants: 1 + 1 + 2 methods = 4 rows; × 3 rates × 2 seeds
        assertThat(runs).hasSize(4 * 3 * 2);
        assertThat(runs.stream().map(r -> r.entry().directory()).distinct()).hasSize(runs.size());
        assertThat(e.rows()).containsExactly("mla (HGM + DF)", "mla (no HGM, mean)", "mla (plain)",
                "concat (plain)");
        assertThat(runs.get(0).entry().directory()).isEqualTo(Path.of("out", "runs", "mla-hgm-df-seed0"));
        assertThat(runs.get(3).entry().directory()).isEqualTo(Path.of("out", "runs", "mla-hgm-df-missing0.1-seed1"));
        assertThat(MlaOptions.from(runs.get(6).entry().config().options()).fusion()).isEqualTo(FusionMode.MEAN);
        assertThat(MlaOptions.from(runs.get(6).entry().config().options()).hgm()).isFalse();
        assertThat(runs.get(0).entry().label()).isEqualTo("mla (HGM + DF) η=0.0 seed 0");

        Experiment plain = load("data: x\nmethods: [sum, late]\nseeds: 3\n");
        List<ExperimentGrid.PlannedRun> simple = ExperimentGrid.expand(plain, Path.of("r"));
        assertThat(simple).hasSize(6);
        assertThat(simple.get(5).entry().directory()).isEqualTo(Path.of("r", "runs", "late-seed2"));
        assertThat(simple.get(5).entry().label()).isEqualTo("late seed 2");
    }

    @Test
    void resolvedSpecReadsBackToTheSameRuns() throws Exception {
        Experiment e = load(VALID + "variants: [{name: a, methods: [mla], options: {hgm: on}}]\n", "train.epochs=7");
        Path dir = Path.of("specs", "results");
        String yaml = SpecReader.WRITER.writeValueAsString(e.resolvedSpec(dir));
        Experiment again = Experiment.of(SpecReader.parse(dir.resolve("spec.resolved.yaml"), yaml, List.of()));
        List<ExperimentGrid.PlannedRun> a = ExperimentGrid.expand(e, dir);
        List<ExperimentGrid.PlannedRun> b = ExperimentGrid.expand(again, dir);
        assertThat(b).hasSize(a.size());
        for (int i = 0; i < a.size(); i++) {
            assertThat(org.mla4j.io.Json.write(b.get(i).entry().config().json()))
                    .isEqualTo(org.mla4j.io.Json.write(a.get(i).entry().config().json()));
        }
        assertThat(yaml).contains("hgm: \"off\"").doesNotContain("null");
    }

    @Test
    void variantMethodsMustBeTheExperimentsMethods() {
        assertThatThrownBy(() -> load(VALID + "variants: [{name: a, methods: [qmf]}]\n"))
                .hasMessageContaining("variants[0].methods names qmf, not among the experiment's methods (mla, concat)");
    }

    @Test
    void methodsNarrowedOnTheCommandLineAreDroppedFromTheReportAndVariants() {
        Experiment e = load(VALID + "report: {modality_gap: [mla, concat]}\nvariants: [{name: a, methods: [mla, concat]}]\n",
                "methods=mla");
        assertThat(e.methods()).containsExactly("mla");
        assertThat(e.gapMethods()).containsExactly("mla");
        assertThat(e.variants().get(0).methods()).containsExactly("mla");
        // a variant left with none of the methods says which keys to change
        assertThatThrownBy(() -> load(VALID + "variants: [{name: a, methods: [concat]}]\n", "methods=mla"))
                .hasMessageContaining("variants[0].methods keeps none of the experiment's methods (mla); change "
                        + "variants[0].methods or methods");
        // the key itself set on the command line: its value is what the user asked for, so it must fit
        assertThatThrownBy(() -> load(VALID, "methods=mla", "report.modality_gap=concat"))
                .hasMessageContaining("--set report.modality_gap=concat")
                .hasMessageContaining("names concat, not among the experiment's methods (mla)");
    }
}
