package org.mla4j.method.shared;

import ai.djl.ndarray.NDArray;
import java.util.function.IntFunction;
import org.mla4j.core.Batch;
import org.mla4j.core.Predictions;

/**
 * Prediction for methods whose fused output is a per-sample combination of unimodal logits (MLA,
 * late fusion, QMF): compute {@code f_m(x_m)} for every modality that some sample of the batch has,
 * then fuse each sample over the modalities present in it. A modality that no sample has is not run
 * at all (its logits stay zero and carry no weight).
 */
public final class UnimodalPrediction {
    /** Combines per-modality logits per sample, over the present modalities only. */
    @FunctionalInterface
    public interface Fusion {
        /**
         * @param logits  per modality, n × C row-major
         * @param present per modality, n flags
         * @param weights out: per modality, n weights (0 where absent)
         * @return fused logits, n × C row-major
         */
        float[] fuse(float[][] logits, boolean[][] present, int numSamples, int numClasses, float[][] weights);

        /** MLA's dynamic fusion or the plain mean ({@link DynamicFusion}). */
        static Fusion of(FusionMode mode) {
            return (logits, present, n, c, weights) -> DynamicFusion.fuse(mode, logits, present, n, c, weights);
        }
    }

    private UnimodalPrediction() {
    }

    /**
     * @param numClasses C
     * @param logitsOf   m → {@code f_m} of the whole batch (n × C, on the engine, no gradient needed)
     * @param fusion     how to combine them per sample
     */
    public static Predictions predict(Batch batch, int numClasses, IntFunction<NDArray> logitsOf, Fusion fusion) {
        int n = batch.size();
        int numModalities = batch.numModalities();
        float[][] logits = new float[numModalities][];
        boolean[][] present = new boolean[numModalities][];
        for (int m = 0; m < numModalities; m++) {
            present[m] = batch.present(m);
            logits[m] = batch.presentCount(m) == 0 ? new float[n * numClasses] : logitsOf.apply(m).toFloatArray();
        }
        float[][] weights = new float[numModalities][n];
        float[] fused = fusion.fuse(logits, present, n, numClasses, weights);
        return new Predictions(logits, fused, weights, present, n, numClasses);
    }
}
