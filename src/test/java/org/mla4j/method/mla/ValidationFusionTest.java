package org.mla4j.method.mla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.mla4j.core.Predictions;
import org.mla4j.method.shared.CommonSettings;
import org.mla4j.method.shared.FusionMode;
import org.mla4j.settings.SettingValues;

/** MLA's fusion fitted on validation: the rule chosen, the scales applied, the paper's path untouched. */
class ValidationFusionTest {
    private static final boolean T = true;

    /**
     * Sample 0 (label 1): modality a scores (3, 0, 0), b scores (0, 3.5, 3.4). The mean (1.5, 1.75, 1.7)
     * is right; dynamic fusion trusts the peaked a (entropy 0.366 against b's 0.759: λ_a = 0.597) and
     * fuses to (1.79, 1.41, 1.37), wrong. Sample 1 (label 1): both score (0, 2, 0), both rules right.
     */
    private static Predictions validation() {
        float[][] logits = {{3, 0, 0, 0, 2, 0}, {0, 3.5f, 3.4f, 0, 2, 0}};
        return new Predictions(logits, new float[6], null, new boolean[][] {{T, T}, {T, T}}, 2, 3);
    }

    private static MlaOptions options(FusionCalibration calibration, boolean select) {
        return options(calibration, select, FusionMode.DYNAMIC);
    }

    private static MlaOptions options(FusionCalibration calibration, boolean select, FusionMode fixed) {
        return MlaOptions.from(SettingValues.NONE.with(MlaOptions.PRESET, MlaPreset.PAPER)
                .with(MlaOptions.FUSION_CALIBRATION, calibration).with(MlaOptions.FUSION_SELECT, select)
                .with(CommonSettings.FUSION, fixed));
    }

    @Test
    void selectionTakesTheRuleWithMoreCorrectValidationPredictions() {
        try (NDManager m = NDManager.newBaseManager()) {
            ValidationFusion fusion = new ValidationFusion(2, options(FusionCalibration.NONE, true), m);
            Predictions v = validation();
            float[] before = fusion.fuse(v.modalityLogits(), v.present(), 2, 3, null);
            assertThat(before[0]).isGreaterThan(before[1]); // dynamic (the fixed rule) until fitted: wrong
            fusion.fit(v, new int[] {1, 1});
            float[] after = fusion.fuse(v.modalityLogits(), v.present(), 2, 3, null);
            assertThat(after).containsExactly(new float[] {1.5f, 1.75f, 1.7f, 0, 2, 0}, within(1e-6f));
        }
    }

    @Test
    void tiesOnAccuracyGoToTheLowerValidationLossThenTheFixedRule() {
        // one sample both rules get right: dynamic weighs the peaked, right modality more, so its loss is lower
        float[][] logits = {{0, 4, 0}, {0, 1, 0}};
        Predictions v = new Predictions(logits, new float[3], null, new boolean[][] {{T}, {T}}, 1, 3);
        try (NDManager m = NDManager.newBaseManager()) {
            // the fixed rule is the mean, so only the loss can pick dynamic
            ValidationFusion fusion = new ValidationFusion(2, options(FusionCalibration.NONE, true, FusionMode.MEAN), m);
            fusion.fit(v, new int[] {1});
            float[] fused = fusion.fuse(logits, v.present(), 1, 3, null);
            assertThat(fused[1]).isGreaterThan(2.5f); // dynamic: λ·4 + (1−λ)·1 with λ > 1/2; the mean would give 2.5
            // identical modalities: same accuracy, same loss: the fixed rule (mean) stays
            float[][] same = {{0, 4, 0}, {0, 4, 0}};
            fusion.fit(new Predictions(same, new float[3], null, new boolean[][] {{T}, {T}}, 1, 3), new int[] {1});
            assertThat(fusion.group().parameters().get(0).getArray().toFloatArray()[2]).isEqualTo(1f);
        }
    }

    @Test
    void scalesAreFittedAndAppliedBeforeTheRule() {
        try (NDManager m = NDManager.newBaseManager()) {
            ValidationFusion fusion = new ValidationFusion(2, options(FusionCalibration.TEMPERATURE, false), m);
            Predictions v = validation();
            int[] labels = {1, 1};
            fusion.fit(v, labels);
            double[] c = FusionFit.temperatures(v.modalityLogits(), v.present(), labels, 2, 3);
            for (int i = 0; i < c.length; i++) {
                c[i] = (float) c[i]; // the model stores them in float32
            }
            float[][] scaled = ValidationFusion.scaled(v.modalityLogits(), c);
            float[] expected = org.mla4j.method.shared.DynamicFusion.fuse(FusionMode.DYNAMIC, scaled, v.present(), 2, 3,
                    null);
            float[][] weights = new float[2][2];
            float[] fused = fusion.fuse(v.modalityLogits(), v.present(), 2, 3, weights);
            assertThat(fused).containsExactly(expected);
            for (int k = 0; k < 3; k++) { // the reported weights are those of the raw logits
                float raw = weights[0][0] * v.modalityLogits()[0][k] + weights[1][0] * v.modalityLogits()[1][k];
                assertThat(raw).isCloseTo(fused[k], within(1e-5f));
            }
            assertThat(fusion.group().parameters().get(0).getArray().toFloatArray())
                    .containsExactly((float) c[0], (float) c[1], 0f); // the scales, then the rule (0 = dynamic)
        }
    }

    @Test
    void thePapersFusionFitsNothingAndHasNoParameters() {
        try (NDManager m = NDManager.newBaseManager()) {
            ValidationFusion fusion = new ValidationFusion(2, MlaOptions.PAPER, m);
            assertThat(fusion.group()).isNull();
            Predictions v = validation();
            fusion.fit(v, new int[] {1, 1});
            float[] fused = fusion.fuse(v.modalityLogits(), v.present(), 2, 3, null);
            assertThat(fused[0]).isGreaterThan(fused[1]); // still dynamic, still wrong on sample 0
        }
    }

    @Test
    void weakFirstOrdersByOwnValidationAccuracyStably() {
        // labels 0, 1, 2: modality 0 gets 1 right, modality 1 gets 3, modality 2 gets 1 (tie with 0: order kept)
        float[][] logits = {
            {1, 0, 0, 1, 0, 0, 1, 0, 0},
            {1, 0, 0, 0, 1, 0, 0, 0, 1},
            {0, 0, 1, 0, 1, 0, 1, 0, 0}};
        boolean[][] present = {{T, T, T}, {T, T, T}, {T, T, T}};
        Predictions p = new Predictions(logits, new float[9], null, present, 3, 3);
        assertThat(Mla.weakFirst(p, new int[] {0, 1, 2})).containsExactly(0, 2, 1);
    }
}
