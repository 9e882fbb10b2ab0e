package org.mla4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.mla4j.core.Method;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.TensorSplit;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Standardizer;
import org.mla4j.eval.Evaluator;
import org.mla4j.method.Methods;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.settings.SettingValues;

/**
 * Inference throughput of prediction (unimodal logits, per-sample fusion, host copies) over every
 * sample of a dataset, in samples per second; median of repetitions after a warm-up. The weights
 * are freshly initialised: speed does not depend on their values.
 */
public final class InferenceThroughput {
    private InferenceThroughput() {
    }

    public static double samplesPerSecond(String method, MultimodalDataset ds, int repetitions) {
        int[] rows = new int[ds.numSamples()];
        Arrays.setAll(rows, i -> i);
        Engine.getEngine("PyTorch").setRandomSeed(0);
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit all = TensorSplit.build("all", ds, Standardizer.fit(ds, ds.trainIndices()), rows, manager);
             Method m = Methods.create(method, new ModelSpec(ds.modalities(), ds.numClasses(), EncoderSpec.DEFAULT),
                     SettingValues.NONE, manager)) {
            Evaluator.predict(m, all, manager);
            double[] rates = new double[repetitions];
            for (int r = 0; r < repetitions; r++) {
                long t0 = System.nanoTime();
                Evaluator.predict(m, all, manager);
                rates[r] = rows.length / ((System.nanoTime() - t0) / 1e9);
            }
            Arrays.sort(rates);
            return rates[repetitions / 2];
        }
    }
}
