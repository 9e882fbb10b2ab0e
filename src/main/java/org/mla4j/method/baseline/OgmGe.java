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
 * OGM-GE on a concatenation or a sum model ({@link OgmOptions#FUSION}): {@link Concat}'s or
 * {@link Sum}'s architecture and loss, with each encoder's gradient modulated before the SGD step
 * ({@link OgmModulation}).
 *
 * <pre>
 *   concat:  ŷ = W [h_1; …; h_M] + b,   f_m = W[:, block m] h_m + b/M     (the probe, {@link ConcatHead})
 *   sum:     ŷ = Σ_m f_m,               f_m = W_m h_m + b_m               (each modality's own head)
 *   loss = CE(ŷ); encoder m's gradients g ← k_m·g + N(0, std(g)+1e-8) with k_m from the scores of f_m
 * </pre>
 *
 * The head(s) are updated with their plain gradients. Options: {@link OgmOptions#ALPHA} (α,
 * default 0.5), the epoch window {@link OgmOptions#EPOCHS} and the fusion (default concat). The
 * coefficient applied to each modality is recorded per epoch as {@code ogm_coeff_<modality>} (1
 * outside the window). Unimodal evaluation: f_m, as Concat or Sum ({@link OgmHead}).
 */
public final class OgmGe implements Method {
    private final ModelSpec spec;
    private final OgmModulation modulation;
    private final NDManager manager;
    private final ModalityEncoders encoders;
    private final OgmFusion fusion;
    private final OgmHead head;

    public OgmGe(ModelSpec spec, OgmModulation modulation, OgmFusion fusion, NDManager parent) {
        this.spec = spec;
        this.modulation = modulation;
        this.fusion = fusion;
        this.manager = parent.newSubManager();
        this.encoders = new ModalityEncoders(spec, manager);
        this.head = OgmHead.of(fusion, spec, manager);
    }

    public OgmFusion fusion() {
        return fusion;
    }

    @Override
    public String name() {
        return "ogm-ge";
    }

    @Override
    public List<ParameterGroup> groups() {
        List<ParameterGroup> all = new ArrayList<>(encoders.groups());
        all.addAll(head.groups());
        return all;
    }

    @Override
    public void trainBatch(Batch batch, TrainingStep step) {
        List<NDArray> features;
        NDArray[] unimodal = new NDArray[encoders.size()];
        try (GradientCollector collector = step.collector()) {
            features = encoders.forwardAll(step, batch);
            NDArray loss = Losses.crossEntropy(head.fused(step, features, unimodal), batch.oneHot());
            collector.backward(loss);
            step.recordLoss("loss", loss);
        }
        double[] k = new double[encoders.size()];
        java.util.Arrays.fill(k, 1);
        boolean active = modulation.activeIn(step.epoch());
        if (active) {
            double[] scores = new double[k.length];
            for (int m = 0; m < k.length; m++) {
                scores[m] = OgmModulation.score(head.scoreLogits(m, features, unimodal), batch.oneHot(),
                        batch.present(m));
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
        JointTraining.updateAll(step, head.groups());
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
