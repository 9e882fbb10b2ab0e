package org.mla4j.run;

import ai.djl.ndarray.NDManager;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.eval.Evaluator;
import org.mla4j.method.Method;
import org.mla4j.method.Predictions;
import org.mla4j.model.ModelFile;
import org.mla4j.train.TensorSplit;

/** Runs a saved model over chosen rows of a dataset (already aligned with {@link ModelInputs}). */
public final class Inference {
    private Inference() {
    }

    public static Predictions predict(ModelFile.Loaded model, MultimodalDataset aligned, int[] rows) {
        try (NDManager manager = NDManager.newBaseManager();
             Method method = model.instantiate(manager);
             TensorSplit split = TensorSplit.build("predict", aligned, model.standardizer(), rows, manager)) {
            return Evaluator.predict(method, split, manager);
        }
    }
}
