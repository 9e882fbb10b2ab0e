package org.mla4j.method.mla;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mla4j.core.Batch;
import org.mla4j.core.Forward;
import org.mla4j.core.Losses;
import org.mla4j.core.Method;
import org.mla4j.core.MethodState;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.Predictions;
import org.mla4j.core.TrainingStep;
import org.mla4j.method.shared.DynamicFusion;
import org.mla4j.method.shared.ModalityEncoders;
import org.mla4j.method.shared.UnimodalPrediction;
import org.mla4j.nn.Blocks;
import org.mla4j.nn.ParameterGroup;

/**
 * MLA: alternating unimodal adaptation through one shared head.
 *
 * <p>In every batch the modalities take turns in a fixed order. A turn for modality m uses only the
 * samples that have m: {@code loss = CE(g(h_m(x_m)))}, backward, optional head gradient modification
 * ({@link HeadGradientProjector}), then an SGD step on encoder m and the head only — the other
 * encoders do not move. At test time the unimodal logits {@code g(h_m(x_m))} are fused per sample
 * ({@link DynamicFusion}).
 */
public final class Mla implements Method {
    private final ModelSpec spec;
    private final MlaOptions options;
    private final NDManager manager;
    private final ModalityEncoders encoders;
    private final ParameterGroup head;
    private final HeadGradientProjector projector;
    /** The feature mean of the previous turn, on the host (HGM protects it at the next turn). */
    private double[] previousFeatureMean;

    public Mla(ModelSpec spec, MlaOptions options, NDManager parent) {
        this.spec = spec;
        this.options = options;
        this.manager = parent.newSubManager();
        this.encoders = new ModalityEncoders(spec, manager);
        this.head = new ParameterGroup("head", Blocks.linear(spec.featureSize(), spec.numClasses(), manager));
        this.projector = options.hgm() ? new HeadGradientProjector(manager, spec.featureSize(), options.hgmAlpha()) : null;
    }

    @Override
    public String name() {
        return "mla";
    }

    @Override
    public List<ParameterGroup> groups() {
        List<ParameterGroup> all = new ArrayList<>(encoders.groups());
        all.add(head);
        return all;
    }

    public MlaOptions options() {
        return options;
    }

    /** The HGM projector, or null when HGM is off. */
    public HeadGradientProjector projector() {
        return projector;
    }

    @Override
    public void trainBatch(Batch batch, TrainingStep step) {
        for (int m = 0; m < encoders.size(); m++) {
            Batch.Subset subset = batch.only(m);
            if (subset.size() == 0) {
                continue; // no sample of this batch has modality m: m sits this turn out
            }
            turn(m, subset, step);
        }
    }

    /**
     * One modality's turn: {@code loss = CE(g(h_m(x_m)))} on the samples that have m, backward, HGM
     * on the head weight's gradient, then an SGD step on encoder m and the head only.
     */
    private void turn(int m, Batch.Subset subset, TrainingStep step) {
        ParameterGroup encoder = encoders.get(m);
        double[] featureMean = null;
        try (GradientCollector collector = step.collector()) {
            NDArray features = step.encode(encoder, subset.features());
            NDArray logits = step.through(head, features);
            NDArray loss = Losses.crossEntropy(logits, subset.oneHot());
            collector.backward(loss);
            step.recordLoss("loss_" + spec.modalities().get(m).name(), loss);
            if (projector != null) {
                featureMean = HeadGradientProjector.toDoubles(features.mean(new int[] {0}).toFloatArray());
            }
        }
        Parameter weight = head.parameters().get(0);
        Parameter bias = head.parameters().get(1);
        double[] protectedMean = options.hgmFeatures() == HgmFeatures.CURRENT ? featureMean : previousFeatureMean;
        if (projector != null && protectedMean != null) { // the run's very first turn has nothing to protect yet
            projector.update(protectedMean);
            step.update(weight, projector.project(step.gradient(weight)));
        } else {
            step.update(weight);
        }
        previousFeatureMean = featureMean;
        step.update(bias);
        step.update(encoder);
    }

    @Override
    public Predictions predict(Batch batch) {
        Forward inference = Forward.inference(batch.manager());
        return UnimodalPrediction.predict(batch, spec.numClasses(),
                m -> inference.through(head, encoders.forward(inference, m, batch.features(m))),
                UnimodalPrediction.Fusion.of(options.fusion()));
    }

    @Override
    public MethodState state() {
        return new MethodState() {
            @Override
            public Map<String, double[]> export() {
                if (projector == null) {
                    return Map.of();
                }
                Map<String, double[]> out = new java.util.LinkedHashMap<>();
                out.put("hgm.P", projector.matrix());
                out.put("hgm.updates", new double[] {projector.updateCount()});
                if (previousFeatureMean != null) {
                    out.put("hgm.previous_mean", previousFeatureMean.clone());
                }
                return out;
            }

            @Override
            public void restore(Map<String, double[]> values) {
                if (projector == null || !values.containsKey("hgm.P")) {
                    return;
                }
                projector.setMatrix(values.get("hgm.P"), (long) values.get("hgm.updates")[0]);
                double[] prev = values.get("hgm.previous_mean");
                if (prev != null) {
                    if (prev.length != projector.featureSize()) {
                        throw new IllegalArgumentException("hgm.previous_mean has " + prev.length + " values, expected "
                                + projector.featureSize());
                    }
                    previousFeatureMean = prev.clone();
                }
            }
        };
    }

    @Override
    public void close() {
        manager.close();
    }
}
