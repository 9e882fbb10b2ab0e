package org.mla4j.method.mla;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.mla4j.core.Predictions;
import org.mla4j.method.shared.DynamicFusion;
import org.mla4j.method.shared.FusionMode;
import org.mla4j.nn.ParameterGroup;
import org.mla4j.nn.StoredValues;

/**
 * MLA's test-time fusion with what it fits on the validation split. With calibration none and
 * selection off it is the paper's: {@code fusion} ({@link DynamicFusion}, dynamic or mean) of the raw
 * unimodal logits. Otherwise, after every epoch (before validation scores the epoch):
 * <ol>
 *   <li>per-modality scales c_m are fitted to the validation predictions ({@link FusionFit}:
 *       temperatures alone, or weights jointly), or c = 1;</li>
 *   <li>with selection on, the rule r ∈ {dynamic, mean} with more correct validation predictions on
 *       the scaled logits {@code c_m f_m} is taken (ties: the lower validation cross-entropy of the
 *       fused logits, then {@code fusion});</li>
 *   <li>test-time fusion is r applied to {@code c_m f_m}: for dynamic, the entropies are those of
 *       softmax(c_m f_m) and the fused logits {@code Σ λ_m c_m f_m}.</li>
 * </ol>
 * The fitted values (c_1 … c_M, then r: 0 dynamic, 1 mean) are a parameter group without gradient,
 * so the best epoch's values are restored with its weights and saved in the model file. The
 * unimodal logits a prediction reports stay the raw {@code f_m} (a positive scale does not change a
 * modality's own argmax), and its fusion weights are those of the raw logits ({@code λ_m c_m}), so
 * that the fused logits are {@code Σ weight_m f_m}. Only validation predictions are ever passed to {@link #fit}.
 */
final class ValidationFusion {
    private final FusionMode fixedRule;
    private final FusionCalibration calibration;
    private final boolean select;
    private final int numModalities;
    private final StoredValues values;
    private final ParameterGroup group;

    ValidationFusion(int numModalities, MlaOptions options, NDManager manager) {
        this.fixedRule = options.fusion();
        this.calibration = options.fusionCalibration();
        this.select = options.fusionSelect();
        this.numModalities = numModalities;
        if (calibration == FusionCalibration.NONE && !select) {
            this.values = null;
            this.group = null;
            return;
        }
        float[] initial = new float[numModalities + 1];
        Arrays.fill(initial, 0, numModalities, 1f);
        initial[numModalities] = code(fixedRule);
        this.values = new StoredValues("values", initial, manager);
        this.group = new ParameterGroup("fusion", values);
    }

    /** The group holding the fitted values, or null when nothing is fitted (the paper's fusion). */
    ParameterGroup group() {
        return group;
    }

    /** Fits the scales and the rule to validation predictions and their labels. */
    void fit(Predictions validation, int[] labels) {
        if (values == null) {
            return;
        }
        float[][] raw = validation.modalityLogits();
        int n = validation.size();
        int c = validation.numClasses();
        double[] scales = switch (calibration) {
            case NONE -> ones(numModalities);
            case TEMPERATURE -> FusionFit.temperatures(raw, validation.present(), labels, n, c);
            case WEIGHTS -> FusionFit.weights(raw, validation.present(), labels, n, c);
        };
        float[][] scaled = scaled(raw, scales);
        FusionMode rule = fixedRule;
        if (select) {
            rule = choose(scaled, validation.present(), labels, n, c);
        }
        float[] stored = new float[numModalities + 1];
        for (int m = 0; m < numModalities; m++) {
            stored[m] = (float) scales[m];
        }
        stored[numModalities] = code(rule);
        values.set(stored);
    }

    /** Fuses per-modality logits per sample with the fitted values (or the fixed rule). */
    float[] fuse(float[][] logits, boolean[][] present, int n, int numClasses, float[][] weights) {
        if (values == null) {
            return DynamicFusion.fuse(fixedRule, logits, present, n, numClasses, weights);
        }
        float[] v = values.get();
        double[] scales = new double[numModalities];
        for (int m = 0; m < numModalities; m++) {
            scales[m] = v[m];
        }
        FusionMode rule = v[numModalities] == 0 ? FusionMode.DYNAMIC : FusionMode.MEAN;
        float[] fused = DynamicFusion.fuse(rule, scaled(logits, scales), present, n, numClasses, weights);
        if (weights != null) {
            for (int m = 0; m < numModalities; m++) {
                for (int i = 0; i < n; i++) {
                    weights[m][i] *= (float) scales[m]; // the weight of the raw f_m: fused = Σ weight_m · f_m
                }
            }
        }
        return fused;
    }

    /** The rule with more correct predictions; ties: lower cross-entropy, then the fixed rule. */
    private FusionMode choose(float[][] scaled, boolean[][] present, int[] labels, int n, int c) {
        double[] dynamic = score(DynamicFusion.fuse(FusionMode.DYNAMIC, scaled, present, n, c, null), labels, n, c);
        double[] mean = score(DynamicFusion.fuse(FusionMode.MEAN, scaled, present, n, c, null), labels, n, c);
        int byAccuracy = Double.compare(dynamic[0], mean[0]);
        if (byAccuracy != 0) {
            return byAccuracy > 0 ? FusionMode.DYNAMIC : FusionMode.MEAN;
        }
        int byLoss = Double.compare(mean[1], dynamic[1]);
        if (byLoss != 0) {
            return byLoss > 0 ? FusionMode.DYNAMIC : FusionMode.MEAN;
        }
        return fixedRule;
    }

    /** {correct predictions, mean cross-entropy} of fused logits (samples without a fused output are not counted). */
    static double[] score(float[] fused, int[] labels, int n, int numClasses) {
        double correct = 0;
        for (int i = 0; i < n; i++) {
            if (!Float.isNaN(fused[i * numClasses])) {
                correct += Predictions.argmax(fused, i, numClasses) == labels[i] ? 1 : 0;
            }
        }
        return new double[] {correct, Predictions.crossEntropy(fused, labels, n, numClasses)};
    }

    /** {@code c_m · f_m} per modality (null stays null). */
    static float[][] scaled(float[][] logits, double[] scales) {
        float[][] out = new float[logits.length][];
        for (int m = 0; m < logits.length; m++) {
            if (logits[m] == null) {
                continue;
            }
            out[m] = new float[logits[m].length];
            for (int j = 0; j < logits[m].length; j++) {
                out[m][j] = (float) (scales[m] * logits[m][j]);
            }
        }
        return out;
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        Arrays.fill(a, 1);
        return a;
    }

    private static float code(FusionMode rule) {
        return rule == FusionMode.DYNAMIC ? 0f : 1f;
    }
}
