package org.mla4j.method.mla;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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
 * ({@link DynamicFusion}), with what {@link ValidationFusion} fitted on the validation split.
 * The turns follow the dataset's modality order or, with {@link TurnOrder#WEAK_FIRST}, ascending
 * validation accuracy of each modality's own prediction after the previous epoch.
 */
public final class Mla implements Method {
    private final ModelSpec spec;
    private final MlaOptions options;
    private final NDManager manager;
    private final ModalityEncoders encoders;
    private final ParameterGroup head;
    private final HeadGradientProjector projector;
    private final ValidationFusion fusion;
    /** The feature mean of the previous turn, on the host (HGM protects it at the next turn). */
    private double[] previousFeatureMean;
    /** The modalities in turn order. */
    private int[] order;
    /** The epoch of the last turn (HGM's per-epoch reset), -1 before the first. */
    private int lastEpoch = -1;

    public Mla(ModelSpec spec, MlaOptions options, NDManager parent) {
        this.spec = spec;
        this.options = options;
        this.manager = parent.newSubManager();
        this.encoders = new ModalityEncoders(spec, manager);
        this.head = new ParameterGroup("head", Blocks.linear(spec.featureSize(), spec.numClasses(), manager));
        this.projector = options.hgm() ? new HeadGradientProjector(manager, spec.featureSize(),
                new HeadGradientProjector.Rule(options.hgmAlpha(), options.hgmForgetting(), options.hgmLeak(),
                        options.hgmAlphaNorm())) : null;
        this.fusion = new ValidationFusion(encoders.size(), options, manager);
        this.order = identity(encoders.size());
    }

    @Override
    public String name() {
        return "mla";
    }

    @Override
    public List<ParameterGroup> groups() {
        List<ParameterGroup> all = new ArrayList<>(encoders.groups());
        all.add(head);
        if (fusion.group() != null) {
            all.add(fusion.group());
        }
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
        if (step.epoch() != lastEpoch) {
            if (projector != null && options.hgmReset()) {
                projector.reset(); // a no-op before the first epoch; after a resume it drops the restored P, as it should
            }
            lastEpoch = step.epoch();
        }
        for (int m : order) {
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
                fusion::fuse);
    }

    /**
     * Fits the fusion to the validation predictions and, for {@link TurnOrder#WEAK_FIRST}, orders the
     * next epoch's turns by each modality's own validation accuracy (ascending; ties keep the
     * dataset's order). Does nothing, not even predict, when no option reads validation.
     */
    @Override
    public void calibrate(Supplier<Predictions> validation, int[] labels) {
        if (!options.readsValidation()) {
            return;
        }
        Predictions p = validation.get();
        fusion.fit(p, labels);
        if (options.turnOrder() == TurnOrder.WEAK_FIRST) {
            order = weakFirst(p, labels);
        }
    }

    /** Modalities by ascending own accuracy on {@code p} (stable: ties keep the dataset's order). */
    static int[] weakFirst(Predictions p, int[] labels) {
        int numModalities = p.modalityLogits().length;
        double[] accuracy = new double[numModalities];
        for (int m = 0; m < numModalities; m++) {
            int seen = 0;
            int correct = 0;
            for (int i = 0; i < p.size(); i++) {
                if (p.present()[m][i]) {
                    seen++;
                    correct += Predictions.argmax(p.modalityLogits()[m], i, p.numClasses()) == labels[i] ? 1 : 0;
                }
            }
            accuracy[m] = seen == 0 ? Double.POSITIVE_INFINITY : (double) correct / seen;
        }
        return Arrays.stream(identity(numModalities)).boxed()
                .sorted((a, b) -> Double.compare(accuracy[a], accuracy[b]))
                .mapToInt(Integer::intValue).toArray();
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    @Override
    public MethodState state() {
        return new MethodState() {
            @Override
            public Map<String, double[]> export() {
                Map<String, double[]> out = new java.util.LinkedHashMap<>();
                if (options.turnOrder() != TurnOrder.DATASET) {
                    out.put("turn_order", Arrays.stream(order).asDoubleStream().toArray());
                }
                if (projector == null) {
                    return out;
                }
                out.put("hgm.P", projector.matrix());
                out.put("hgm.updates", new double[] {projector.updateCount()});
                if (previousFeatureMean != null) {
                    out.put("hgm.previous_mean", previousFeatureMean.clone());
                }
                return out;
            }

            @Override
            public void restore(Map<String, double[]> values) {
                double[] savedOrder = values.get("turn_order");
                if (savedOrder != null) {
                    if (savedOrder.length != encoders.size()) {
                        throw new IllegalArgumentException("turn_order has " + savedOrder.length + " values, expected "
                                + encoders.size());
                    }
                    order = Arrays.stream(savedOrder).mapToInt(v -> (int) v).toArray();
                }
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
