package org.mla4j.method;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.mla4j.nn.ParameterGroup;
import org.mla4j.train.Batch;
import org.mla4j.train.TrainingStep;

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

    @Override
    public void trainBatch(Batch batch, TrainingStep step) {
        JointTraining.crossEntropyStep(batch, step, groups(),
                (store, b) -> head.forward(store, encoders.forwardAll(store, b, true), true));
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
