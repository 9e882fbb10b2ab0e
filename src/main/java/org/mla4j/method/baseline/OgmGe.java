package org.mla4j.method.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
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
 * OGM-GE on a concatenation model: {@link Concat}'s architecture and loss, with each encoder's
 * gradient modulated before the SGD step ({@link OgmModulation}).
 *
 * <pre>
 *   ŷ   = W [h_1; …; h_M] + b,   loss = CE(ŷ)
 *   f_m = W[:, block m] h_m + b/M                       (the unimodal probe, {@link ConcatHead})
 *   encoder m's gradients g ← k_m·g + N(0, std(g)+1e-8) with k_m from the probes' scores
 * </pre>
 *
 * The head is updated with its plain gradient. Options: {@link OgmOptions#ALPHA} (α,
 * default 0.5) and the epoch window {@link OgmOptions#EPOCHS}. The coefficient applied to each modality is recorded per epoch as
 * {@code ogm_coeff_<modality>} (1 outside the window). Unimodal evaluation: the probe, as Concat.
 */
public final class OgmGe implements Method {
    private final ModelSpec spec;
    private final OgmModulation modulation;
    private final NDManager manager;
    private final ModalityEncoders encoders;
    private final ConcatHead head;

    public OgmGe(ModelSpec spec, OgmModulation modulation, NDManager parent) {
        this.spec = spec;
        this.modulation = modulation;
        this.manager = parent.newSubManager();
        this.encoders = new ModalityEncoders(spec, manager);
        this.head = new ConcatHead(spec, manager);
    }

    @Override
    public String name() {
        return "ogm-ge";
    }

    @Override
    public List<ParameterGroup> groups() {
        List<ParameterGroup> all = new ArrayList<>(encoders.groups());
        all.add(head.group());
        return all;
    }

    @Override
    public void trainBatch(Batch batch, TrainingStep step) {
        List<NDArray> features;
        try (GradientCollector collector = step.collector()) {
            features = encoders.forwardAll(step, batch);
            NDArray loss = Losses.crossEntropy(head.forward(step, features), batch.oneHot());
            collector.backward(loss);
            step.recordLoss("loss", loss);
        }
        double[] k = new double[encoders.size()];
        java.util.Arrays.fill(k, 1);
        boolean active = modulation.activeIn(step.epoch());
        if (active) {
            double[] scores = new double[k.length];
            for (int m = 0; m < k.length; m++) {
                scores[m] = OgmModulation.score(head.probe(m, features.get(m)), batch.oneHot(), batch.present(m));
            }
            k = modulation.coefficients(scores);
        }
        for (int m = 0; m < k.length; m++) {
            step.recordLoss("ogm_coeff_" + spec.modalities().get(m).name(), batch.manager().create((float) k[m]));
            for (Parameter p : encoders.get(m).parameters()) {
                if (active) {
                    step.update(p, OgmModulation.modulate(step.gradient(p), k[m], batch.manager()));
                } else {
                    step.update(p);
                }
            }
        }
        JointTraining.updateAll(step, List.of(head.group()));
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
