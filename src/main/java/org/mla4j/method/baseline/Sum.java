package org.mla4j.method.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.mla4j.core.Batch;
import org.mla4j.core.Forward;
import org.mla4j.core.Method;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.Predictions;
import org.mla4j.core.TrainingStep;
import org.mla4j.method.shared.JointTraining;
import org.mla4j.method.shared.UnimodalBranches;
import org.mla4j.nn.ParameterGroup;

/**
 * Sum fusion: one linear head per modality, outputs added.
 *
 * <pre>
 *   f_m(x_m) = W_m h_m(x_m) + b_m          (W_m: C × s)
 *   ŷ        = Σ_m f_m(x_m)                 loss = CE(ŷ), all parameters trained jointly
 * </pre>
 *
 * Unimodal evaluation: {@code f_m(x_m)}, modality m's own head. An absent modality enters the sum
 * through its zero-filled input.
 */
public final class Sum implements Method {
    private final ModelSpec spec;
    private final NDManager manager;
    private final UnimodalBranches branches;

    public Sum(ModelSpec spec, NDManager parent) {
        this.spec = spec;
        this.manager = parent.newSubManager();
        this.branches = new UnimodalBranches(spec, manager);
    }

    @Override
    public String name() {
        return "sum";
    }

    @Override
    public List<ParameterGroup> groups() {
        return branches.groups();
    }

    @Override
    public void trainBatch(Batch batch, TrainingStep step) {
        JointTraining.crossEntropyStep(batch, step, groups(), (forward, b) -> fused(unimodal(forward, b)));
    }

    private NDArray[] unimodal(Forward forward, Batch batch) {
        NDArray[] logits = new NDArray[branches.size()];
        for (int m = 0; m < logits.length; m++) {
            logits[m] = branches.logits(forward, m, batch.features(m));
        }
        return logits;
    }

    private static NDArray fused(NDArray[] logits) {
        NDArray sum = logits[0];
        for (int m = 1; m < logits.length; m++) {
            sum = sum.add(logits[m]);
        }
        return sum;
    }

    @Override
    public Predictions predict(Batch batch) {
        NDArray[] logits = unimodal(Forward.inference(batch.manager()), batch);
        return Predictions.joint(batch, spec.numClasses(), fused(logits), logits);
    }

    @Override
    public void close() {
        manager.close();
    }
}
