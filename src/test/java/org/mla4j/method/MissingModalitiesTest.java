package org.mla4j.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mla4j.core.Batch;
import org.mla4j.core.Method;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.Predictions;
import org.mla4j.core.TensorSplit;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Standardizer;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.io.InvalidInputException;
import org.mla4j.method.baseline.BiGated;
import org.mla4j.method.baseline.Film;
import org.mla4j.method.baseline.LateFusion;
import org.mla4j.method.shared.CommonSettings;
import org.mla4j.method.shared.FusionMode;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import org.mla4j.train.EpochListener;
import org.mla4j.train.TrainConfig;
import org.mla4j.train.Trainer;
import org.mla4j.train.TrainSettings;
import org.mla4j.train.TrainingSplits;

/**
 * Every method trains and predicts on three modalities with some (sample, modality) pairs absent,
 * and predicts batches where one modality is absent for some or all samples: no crash, no NaN.
 */
class MissingModalitiesTest {
    @TempDir
    static Path dir;

    static List<String> methods() {
        return Methods.names();
    }

    private static MultimodalDataset dataset(boolean[][] present) {
        MultimodalDataset ds = DatasetLoader.load(TestDatasets.builder().samples(60).classes(3)
                .modality("a", 3).modality("b", 2).modality("c", 4).write(dir.resolve("three")));
        return present == null ? ds : ds.withPresence(present);
    }

    /** Sample i lacks modality (i mod 4) when that is < 3: a quarter of the samples have everything. */
    private static boolean[][] someAbsent(int n) {
        boolean[][] p = new boolean[3][n];
        for (int m = 0; m < 3; m++) {
            for (int i = 0; i < n; i++) {
                p[m][i] = i % 4 != m;
            }
        }
        return p;
    }

    @ParameterizedTest
    @MethodSource("methods")
    void trainsAndPredictsWithAbsentModalities(String name) {
        MultimodalDataset full = dataset(null);
        MultimodalDataset partial = full.withPresence(someAbsent(full.numSamples()));
        ModelSpec spec = new ModelSpec(full.modalities(), full.numClasses(), new EncoderSpec("mlp", 2, 8));
        int[] rows = full.trainIndices();
        Standardizer standardizer = Standardizer.fit(full, rows);
        Engine.getEngine("PyTorch").setRandomSeed(1);
        boolean[][] bGone = someAbsent(full.numSamples());
        java.util.Arrays.fill(bGone[0], true); // every sample keeps a
        java.util.Arrays.fill(bGone[1], false); // nobody has b
        List<MultimodalDataset> variants = List.of(partial, full.withPresence(bGone));
        try (NDManager manager = NDManager.newBaseManager();
             Method method = Methods.create(name, spec, shortTeacher(name), manager)) {
            TrainConfig config = recipe(name, 2, 16);
            for (MultimodalDataset ds : variants) {
                try (TensorSplit fit = TensorSplit.build("fit", ds, standardizer, rows, manager)) {
                    if (TEACHER_ON_COMPLETE_SAMPLES.contains(name) && ds != partial) {
                        // nobody has b: no complete sample for a teacher, which is refused before training
                        assertThatThrownBy(() -> new Trainer(config, EpochListener.NONE).fit(method,
                                TrainingSplits.withoutTest(fit, fit, full.modalityNames()), manager))
                                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has 0");
                        continue;
                    }
                    new Trainer(config, EpochListener.NONE).fit(method,
                            TrainingSplits.withoutTest(fit, fit, full.modalityNames()), manager);
                }
            }
            for (MultimodalDataset ds : variants) {
                try (TensorSplit split = TensorSplit.build("eval", ds, standardizer, rows, manager);
                     NDManager batchManager = manager.newSubManager()) {
                    for (var group : method.groups()) {
                        batchManager.tempAttachAll(group.arrays());
                    }
                    Batch batch = split.slice(batchManager, 0, split.size());
                    assertFinite(name, method.predict(batch), batch);
                }
            }
        }
    }

    /** Methods whose teacher trains on complete samples (spec MISSING-BASELINES §0.3). */
    static final Set<String> TEACHER_ON_COMPLETE_SAMPLES = Set.of("mmin", "if-mmin", "tate");
    /** Methods without a unimodal output (CPM-Net: each would be one more latent search). */
    static final Set<String> NO_UNIMODAL_OUTPUT = Set.of("cpm-net");

    /**
     * The method's own training recipe (SGD, lr 0.01, momentum 0.9, weight decay 1e-4 for methods
     * without one) for {@code epochs} epochs of {@code batch} samples, without learning-rate decay.
     */
    static TrainConfig recipe(String name, int epochs, int batch) {
        return TrainSettings.config(Methods.definition(name).recipe().with(TrainSettings.EPOCHS, epochs)
                .with(TrainSettings.BATCH_SIZE, batch).with(TrainSettings.LR_DECAY_EPOCHS, List.of()), 0);
    }

    /** No options, except one teacher epoch for two-stage methods, so that a short run reaches the student. */
    static SettingValues shortTeacher(String name) {
        SettingValues v = SettingValues.NONE;
        for (Setting<?> s : Methods.definition(name).settings()) {
            if (s.key().endsWith("teacher_epochs")) {
                @SuppressWarnings("unchecked")
                Setting<Integer> teacher = (Setting<Integer>) s;
                v = v.with(teacher, 1);
            }
        }
        return v;
    }

    private static void assertFinite(String name, Predictions p, Batch batch) {
        int c = p.numClasses();
        assertThat(p.size()).isEqualTo(batch.size());
        for (float v : p.fusedLogits()) {
            assertThat(v).isFinite();
        }
        for (int m = 0; m < batch.numModalities(); m++) {
            float[] logits = p.modalityLogits()[m];
            if (NO_UNIMODAL_OUTPUT.contains(name)) {
                assertThat(logits).as("%s has no unimodal output", name).isNull();
                continue;
            }
            assertThat(logits).isNotNull();
            for (int i = 0; i < batch.size(); i++) {
                if (batch.isPresent(m, i)) {
                    for (int k = 0; k < c; k++) {
                        assertThat(logits[i * c + k]).isFinite();
                    }
                }
            }
            if (p.fusionWeights() != null) {
                for (int i = 0; i < batch.size(); i++) {
                    if (!batch.isPresent(m, i)) {
                        assertThat(p.fusionWeights()[m][i]).as("weight of an absent modality").isZero();
                    }
                }
            }
        }
    }

    @Test
    void conditionModalityMustBeOneOfTheData() {
        ModelSpec spec = new ModelSpec(dataset(null).modalities(), 3, new EncoderSpec("mlp", 1, 4));
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String method : List.of("film", "bigated")) {
                SettingValues options = SettingValues.NONE.with(CommonSettings.CONDITION_MODALITY, "d");
                assertThatThrownBy(() -> Methods.create(method, spec, options, manager))
                        .isInstanceOf(InvalidInputException.class).hasMessageContaining("'d'")
                        .hasMessageContaining("valid: a, b, c");
            }
            SettingValues second = SettingValues.NONE.with(CommonSettings.CONDITION_MODALITY, "b");
            try (Film film = (Film) Methods.create("film", spec, second, manager);
                 BiGated gated = (BiGated) Methods.create("bigated", spec, SettingValues.NONE, manager)) {
                assertThat(film.conditionModality()).isEqualTo(1);
                assertThat(gated.gatingModality()).isEqualTo(0);
                // the head sees the M − 1 = 2 modulated modalities
                assertThat(film.groups().get(4).parameters().get(0).getArray().getShape().get(1)).isEqualTo(8);
            }
        }
    }

    @Test
    void lateFusionAveragesByDefaultAndHonoursDynamic() {
        assertThat(LateFusion.FUSION.defaultIn(org.mla4j.settings.SettingValues.NONE)).isEqualTo(FusionMode.MEAN);
        assertThat(org.mla4j.method.mla.MlaOptions.DEFAULT.fusion()).isEqualTo(FusionMode.MEAN); // recommended preset
        MultimodalDataset ds = dataset(null).withPresence(someAbsent(60));
        ModelSpec spec = new ModelSpec(ds.modalities(), 3, new EncoderSpec("mlp", 1, 4));
        int[] rows = ds.testIndices();
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit split = TensorSplit.build("t", ds, Standardizer.fit(ds, ds.trainIndices()), rows, manager);
             LateFusion mean = new LateFusion(spec, FusionMode.MEAN, manager);
             LateFusion dynamic = new LateFusion(spec, FusionMode.DYNAMIC, manager)) {
            Predictions pm = org.mla4j.eval.Evaluator.predict(mean, split, manager);
            Predictions pd = org.mla4j.eval.Evaluator.predict(dynamic, split, manager);
            for (int i = 0; i < rows.length; i++) {
                int present = 0;
                for (int m = 0; m < 3; m++) {
                    present += pm.present()[m][i] ? 1 : 0;
                }
                for (int m = 0; m < 3; m++) {
                    assertThat(pm.fusionWeights()[m][i]).isEqualTo(pm.present()[m][i] ? 1f / present : 0f);
                }
            }
            assertThat(pd.fusionWeights()[0]).isNotEqualTo(pm.fusionWeights()[0]);
        }
    }
}
