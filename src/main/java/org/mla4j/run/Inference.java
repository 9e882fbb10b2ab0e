package org.mla4j.run;

import ai.djl.ndarray.NDManager;
import org.mla4j.core.Method;
import org.mla4j.core.Predictions;
import org.mla4j.core.TensorSplit;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.engine.ComputeDevice;
import org.mla4j.eval.Evaluator;

/** Runs a saved model over chosen rows of a dataset (already aligned with {@link ModelInputs}). */
public final class Inference {
    private Inference() {
    }

    public static Predictions predict(ModelFile.Loaded model, MultimodalDataset aligned, int[] rows) {
        try (NDManager manager = NDManager.newBaseManager(ComputeDevice.current());
             Method method = model.instantiate(manager);
             TensorSplit split = TensorSplit.build("predict", aligned, model.standardizer(), rows, manager)) {
            return Evaluator.predict(method, split, manager);
        }
    }
}
