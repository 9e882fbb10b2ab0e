package org.mla4j.method.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.mla4j.core.Batch;
import org.mla4j.core.Losses;
import org.mla4j.core.Method;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.Predictions;
import org.mla4j.core.TrainingStep;
import org.mla4j.method.shared.ConcatHead;
import org.mla4j.method.shared.JointTraining;
import org.mla4j.method.shared.ModalityEncoders;
import org.mla4j.nn.ParameterGroup;

/**
 * Concatenation fusion: one linear classifier over the concatenated features.
 *
 * <pre>
 *   ŷ = W [h_1(x_1); …; h_M(x_M)] + b          loss = CE(ŷ), all parameters trained jointly
 * </pre>
 *
 * Unimodal evaluation: the probe {@code W[:, block m] h_m + b/M} ({@link ConcatHead}). An absent
 * modality enters through its zero-filled input.
 */
public final class Concat implements Method {
    private final NDManager manager;
    private final ModalityEncoders encoders;
    private final ConcatHead head;

    public Concat(ModelSpec spec, NDManager parent) {
        this.manager = parent.newSubManager();
        this.encoders = new ModalityEncoders(spec, manager);
        this.head = new ConcatHead(spec, manager);
    }

    @Override
    public String name() {
        return "concat";
    }

    @Override
    public List<ParameterGroup> groups() {
        List<ParameterGroup> all = new ArrayList<>(encoders.groups());
        all.add(head.group());
        return all;
    }

    /** One joint step: {@code CE(W [h_1; …; h_M] + b)}, backward, every parameter updated. */
    @Override
    public void trainBatch(Batch batch, TrainingStep step) {
        try (GradientCollector collector = step.collector()) {
            List<NDArray> features = new ArrayList<>();
            for (int m = 0; m < encoders.size(); m++) {
                features.add(step.encode(encoders.get(m), batch.features(m)));
            }
            NDArray loss = Losses.crossEntropy(head.forward(step, features), batch.oneHot());
            collector.backward(loss);
            step.recordLoss("loss", loss);
        }
        JointTraining.updateAll(step, groups());
    }

    @Override
    public Predictions predict(Batch batch) {
        return head.predict(batch, encoders);
    }

    @Override
    public void close() {
        manager.close();
    }
}
