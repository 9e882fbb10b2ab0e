package org.mla4j.method.missing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.Predictions;
import org.mla4j.core.TensorSplit;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Standardizer;
import org.mla4j.eval.Evaluator;
import org.mla4j.method.Methods;
import org.mla4j.core.Method;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.nn.ParameterGroup;
import org.mla4j.nn.ParameterSnapshot;
import org.mla4j.run.ModelFile;
import org.mla4j.settings.SettingValues;
import org.mla4j.train.EpochListener;
import org.mla4j.train.LearningRateSchedule;
import org.mla4j.train.TrainConfig;
import org.mla4j.train.Trainer;
import org.mla4j.train.TrainingSplits;

/**
 * The {@code cca} method end to end on data with known canonical correlations: its closed-form fit
 * recovers them (pairwise, for every pair of three views), the mean fill uses the observed training rows
 * only, and a trained model saved and loaded predicts exactly the same.
 */
class CcaMethodTest {
    private static final double[] RHO = {0.9, 0.6, 0.3};

    @TempDir
    Path dir;

    private static SettingValues options(int k, double ridge) {
        return SettingValues.NONE.with(CcaOptions.DIMS, k).with(CcaOptions.RIDGE, ridge);
    }

    @Test
    void prepareRecoversTheKnownCanonicalCorrelationsOfEveryPair() {
        MultimodalDataset ds = LatentViews.of(4000, 100, new int[] {6, 5, 4}, RHO, 11);
        ModelSpec spec = new ModelSpec(ds.modalities(), ds.numClasses(), EncoderSpec.DEFAULT);
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit fit = TensorSplit.build("fit", ds, Standardizer.fit(ds, ds.trainIndices()), ds.trainIndices(),
                     manager);
             Cca cca = (Cca) Methods.create("cca", spec, options(4, 1e-9), manager)) {
            cca.prepare(fit, manager);
            double[][] rho = cca.correlations();
            // pairs (0,1), (0,2) share ρ; pair (1,2) shares ρ² (both views carry u through ρ)
            double[][] expected = {{0.9, 0.6, 0.3, 0}, {0.9, 0.6, 0.3, 0}, {0.81, 0.36, 0.09, 0}};
            assertThat(rho).hasDimensions(3, 4);
            for (int p = 0; p < 3; p++) {
                for (int c = 0; c < 4; c++) {
                    // sampling error of a canonical correlation ≈ (1 − ρ²)/√N (≈ 0.003–0.016 here), plus the
                    // upward bias of the smallest one
                    assertThat(rho[p][c]).as("pair %d, ρ_%d", p, c + 1).isCloseTo(expected[p][c], within(0.05));
                }
            }
            assertThat(Cca.widths(spec, CcaOptions.from(options(4, 1e-9)))).containsExactly(8, 8, 8);
        }
    }

    @Test
    void dimensionsAreCappedByTheNarrowerModalityOfEachPair() {
        MultimodalDataset ds = LatentViews.of(300, 50, new int[] {6, 5, 2}, RHO, 3);
        ModelSpec spec = new ModelSpec(ds.modalities(), ds.numClasses(), EncoderSpec.DEFAULT);
        // k = 4: pair (0,1) keeps 4, pairs with the 2-wide view keep 2
        assertThat(Cca.widths(spec, CcaOptions.from(options(4, 1)))).containsExactly(6, 6, 4);
        SettingValues maxvar = options(4, 1e-9).with(CcaOptions.FORM, CcaOptions.Form.MAXVAR);
        assertThat(Cca.widths(spec, CcaOptions.from(maxvar))).containsExactly(4, 4, 4);
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit fit = TensorSplit.build("fit", ds, Standardizer.fit(ds, ds.trainIndices()), ds.trainIndices(),
                     manager);
             Cca cca = (Cca) Methods.create("cca", spec, maxvar, manager)) {
            cca.prepare(fit, manager);
            double[] eigenvalues = cca.correlations()[0];
            assertThat(eigenvalues).hasSize(4);
            // g = u_1 explains view 0 fully and views 1 and 2 with R² = ρ_1² = 0.81 each: λ_1 ≥ 2.62 − sampling error
            assertThat(eigenvalues[0]).isBetween(2.4, 3.0);
            for (int c = 1; c < 4; c++) {
                assertThat(eigenvalues[c]).isBetween(0.0, eigenvalues[c - 1]);
            }
        }
    }

    @Test
    void meanFillUsesTheObservedTrainingRowsOnly() {
        MultimodalDataset full = LatentViews.of(200, 40, new int[] {3, 2}, RHO, 5);
        boolean[][] present = {new boolean[200], new boolean[200]};
        Arrays.fill(present[0], true);
        Arrays.fill(present[1], true);
        for (int i = 0; i < 200; i += 3) {
            present[1][i] = false;
        }
        MultimodalDataset ds = full.withPresence(present);
        ModelSpec spec = new ModelSpec(ds.modalities(), ds.numClasses(), EncoderSpec.DEFAULT);
        Standardizer st = Standardizer.fit(ds, ds.trainIndices());
        float[] standardised = st.apply(1, ds.features(1), ds.trainIndices());
        double[] expected = new double[2];
        int observed = 0;
        for (int r = 0; r < ds.trainIndices().length; r++) {
            if (present[1][ds.trainIndices()[r]]) {
                observed++;
                for (int j = 0; j < 2; j++) {
                    expected[j] += standardised[r * 2 + j];
                }
            }
        }
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit fit = TensorSplit.build("fit", ds, st, ds.trainIndices(), manager);
             Cca cca = (Cca) Methods.create("cca", spec, options(2, 1), manager)) {
            cca.prepare(fit, manager);
            ParameterGroup fill = cca.groups().get(1);
            assertThat(fill.name()).isEqualTo("fill.v1");
            float[] mean = fill.parameters().get(0).getArray().toFloatArray();
            for (int j = 0; j < 2; j++) {
                assertThat((double) mean[j]).isCloseTo(expected[j] / observed, within(1e-6));
            }
        }
    }

    @Test
    void trainedModelSavedAndLoadedPredictsTheSame() {
        MultimodalDataset ds = LatentViews.of(600, 100, new int[] {4, 3, 3}, RHO, 9);
        ModelSpec spec = new ModelSpec(ds.modalities(), ds.numClasses(), EncoderSpec.DEFAULT);
        Standardizer st = Standardizer.fit(ds, ds.trainIndices());
        SettingValues options = options(2, 1);
        TrainConfig config = new TrainConfig(3, 64, LearningRateSchedule.step(0.05, 0.1, new int[0]), 0.9f, 0f, 0);
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit fit = TensorSplit.build("fit", ds, st, ds.trainIndices(), manager);
             TensorSplit test = TensorSplit.build("test", ds, st, ds.testIndices(), manager);
             Method trained = Methods.create("cca", spec, options, manager)) {
            new Trainer(config, EpochListener.NONE).fit(trained, TrainingSplits.withoutTest(fit, test,
                    ds.modalityNames()), manager);
            ModelFile.save(dir, "cca", spec, options, ds.classNames(), ParameterSnapshot.of(trained.groups()), st,
                    java.util.List.of());
            try (Method loaded = ModelFile.load(dir).instantiate(manager)) {
                Predictions a = Evaluator.predict(trained, test, manager);
                Predictions b = Evaluator.predict(loaded, test, manager);
                assertThat(b.fusedLogits()).containsExactly(a.fusedLogits());
                for (int m = 0; m < 3; m++) {
                    assertThat(b.modalityLogits()[m]).containsExactly(a.modalityLogits()[m]);
                }
                double accuracy = Evaluator.score(a, test.labelValues(), ds.modalityNames()).fusedAccuracy();
                assertThat(accuracy).as("the shared direction classifies").isGreaterThan(0.7);
            }
        }
    }
}
