package org.mla4j.method.shared;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.mla4j.core.Batch;
import org.mla4j.core.Forward;
import org.mla4j.core.Losses;
import org.mla4j.core.TrainingStep;
import org.mla4j.nn.ParameterGroup;

/**
 * The training step of a jointly trained model: one loss per batch, one backward, then one SGD
 * update of every parameter of the model. For the fused baselines (Sum, Concat, FiLM, BiGated) the
 * loss is {@code CE(fused logits)} over the whole batch; absent modalities enter as their
 * zero-filled inputs.
 */
public final class JointTraining {
    /** The model's fused logits for a batch, through the given forward pass. */
    @FunctionalInterface
    public interface Model {
        NDArray logits(Forward forward, Batch batch);
    }

    private JointTraining() {
    }

    /** {@code loss = CE(forward(batch))}, backward, update every parameter of {@code groups}. */
    public static void crossEntropyStep(Batch batch, TrainingStep step, List<ParameterGroup> groups, Model model) {
        try (GradientCollector collector = step.collector()) {
            NDArray loss = Losses.crossEntropy(model.logits(step, batch), batch.oneHot());
            collector.backward(loss);
            step.recordLoss("loss", loss);
        }
        updateAll(step, groups);
    }

    /** One SGD update of every parameter of {@code groups} with its accumulated gradient. */
    public static void updateAll(TrainingStep step, List<ParameterGroup> groups) {
        for (ParameterGroup group : groups) {
            step.update(group);
        }
    }
}
