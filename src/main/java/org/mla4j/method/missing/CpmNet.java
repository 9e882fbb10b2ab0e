package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.mla4j.core.Batch;
import org.mla4j.core.Method;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.Predictions;
import org.mla4j.core.TensorSplit;
import org.mla4j.core.TrainingStep;
import org.mla4j.engine.Scalars;
import org.mla4j.nn.FcNet;
import org.mla4j.nn.ParameterGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CPM-Net, cross partial multi-view networks (Zhang et al., NeurIPS 2019), as GCNet runs it (spec
 * MISSING-BASELINES §8). No encoders: every fit sample n owns a free latent h_n ∈ R^L (a parameter
 * sized in {@link #prepare}); a linear degradation network g_m(h) = W_m h + b_m per modality maps it to
 * that modality, and only observed modalities are reconstructed:
 *
 * <pre>
 *   R = Σ_n Σ_m s_nm ‖g_m(h_n) − x_nm‖²,     per batch: 5 Adam steps on g minimising R (H fixed),
 *                                            then 5 on H minimising R + λ·Lc (g fixed)
 *   predict: h* = argmin_h Σ_{m observed} ‖g_m(h) − x_m‖² (g frozen; {@link LatentSolver}),
 *            score_c = h*ᵀ p_c,   p_c = mean of the class-c fit latents
 * </pre>
 *
 * Lc is the parameter-free {@link ClassStructureLoss}. The recipe trains full-batch (one batch = the
 * whole fit split, as the original) for 30 epochs. The original's separate learning rates (1e-3 for g,
 * 1e-2 for H) are kept under one loop rate: the parameter is H' = H/10, which makes Adam's step on H ten
 * times the loop's (Adam is invariant to the gradient's scale, so H' moves by lr and H by 10·lr). The
 * prototypes p_c live in a parameter group without gradient, so a saved model predicts without its
 * (training-only) latents. Modality m's own output is the latent fitted to x_m alone.
 */
public final class CpmNet implements Method {
    private static final Logger LOG = LoggerFactory.getLogger(CpmNet.class);
    /** How many times the latents' effective rate exceeds g's (GCNet: 1e-2 against 1e-3). */
    static final float LATENT_RATE_RATIO = 10f;
    private static final int STEPS = 5;

    private final NDManager manager;
    private final CpmNetOptions options;
    private final int numClasses;
    private final List<ParameterGroup> degradation = new ArrayList<>();
    private final ParameterBlock prototypes;
    private final ParameterGroup prototypeGroup;
    private ParameterBlock latents;
    private ParameterGroup latentGroup;
    /** One-hot labels of the fit split (N × K) and 1/count per class (K × 1), from {@link #prepare}. */
    private NDArray fitOneHot;
    private NDArray inverseCounts;

    public CpmNet(ModelSpec spec, CpmNetOptions options, NDManager parent) {
        this.manager = parent.newSubManager();
        this.options = options;
        this.numClasses = spec.numClasses();
        for (var m : spec.modalities()) {
            degradation.add(new ParameterGroup("degradation." + m.name(),
                    FcNet.builder(m.dim()).init(FcNet.Init.XAVIER).build(options.latentDim(), manager)));
        }
        this.prototypes = new ParameterBlock("prototypes", numClasses, options.latentDim(),
                (mgr, shape, type) -> mgr.zeros(shape, type), false, manager);
        this.prototypeGroup = new ParameterGroup("prototypes", prototypes);
    }

    @Override
    public String name() {
        return "cpm-net";
    }

    /** g's groups, the prototypes and, once {@linkplain #prepare prepared}, the fit latents. */
    @Override
    public List<ParameterGroup> groups() {
        List<ParameterGroup> all = new ArrayList<>(degradation);
        all.add(prototypeGroup);
        if (latentGroup != null) {
            all.add(latentGroup);
        }
        return all;
    }

    /**
     * One latent per fit sample, Xavier-uniform with the original's bound √(6/(N + L)) (the sample count
     * as fan-in), stored divided by {@link #LATENT_RATE_RATIO}.
     */
    @Override
    public void prepare(TensorSplit fit, NDManager parent) {
        int n = fit.size();
        int l = options.latentDim();
        float bound = (float) (Math.sqrt(6.0 / (n + l)) / LATENT_RATE_RATIO);
        latents = new ParameterBlock("latents", n, l, (mgr, shape, type) -> mgr.randomUniform(-bound, bound, shape,
                type), true, manager);
        latentGroup = new ParameterGroup("latents", latents);
        long[] labels = new long[n];
        int[] counts = new int[numClasses];
        for (int i = 0; i < n; i++) {
            labels[i] = fit.labelValues()[i];
            counts[fit.labelValues()[i]]++;
        }
        fitOneHot = manager.create(labels).oneHot(numClasses);
        float[] inverse = new float[numClasses];
        for (int c = 0; c < numClasses; c++) {
            inverse[c] = counts[c] == 0 ? 0f : 1f / counts[c];
        }
        inverseCounts = manager.create(inverse, new Shape(numClasses, 1));
    }

    @Override
    public void trainBatch(Batch batch, TrainingStep step) {
        NDManager bm = batch.manager();
        int n = batch.size();
        long[] positions = new long[n];
        for (int i = 0; i < n; i++) {
            positions[i] = batch.positions()[i];
        }
        int[] labels = java.util.Arrays.stream(batch.labels().toLongArray()).mapToInt(v -> (int) v).toArray();
        NDArray index = bm.create(positions);
        NDArray scale = Scalars.of(bm, LATENT_RATE_RATIO);
        NDArray[] observed = observedMasks(batch);
        for (int k = 0; k < STEPS; k++) { // g: R with the latents fixed
            NDArray h = step.through(latentGroup, index).mul(scale).stopGradient();
            try (GradientCollector collector = step.collector()) {
                NDArray r = reconstruction(batch, observed, m -> step.through(degradation.get(m), h));
                collector.backward(r);
                if (k == STEPS - 1) {
                    step.recordLoss("reconstruction", r.div(Scalars.of(bm, n)));
                }
            }
            for (ParameterGroup g : degradation) {
                step.update(g);
            }
        }
        for (int k = 0; k < STEPS; k++) { // H: R + λ·Lc with g fixed
            try (GradientCollector collector = step.collector()) {
                NDArray h = step.through(latentGroup, index).mul(scale);
                NDArray r = reconstruction(batch, observed, m -> frozenDegradation(m, h));
                NDArray lc = ClassStructureLoss.loss(h, labels, batch.oneHot(), numClasses);
                NDArray loss = r.add(lc.mul(Scalars.of(bm, (float) options.lambda())));
                collector.backward(loss);
                if (k == STEPS - 1) {
                    step.recordLoss("class_structure", lc.div(Scalars.of(bm, n)));
                }
            }
            step.update(latentGroup);
        }
        refreshPrototypes(bm);
    }

    /** Per modality the n × 1 presence column (0/1). */
    private static NDArray[] observedMasks(Batch batch) {
        NDArray[] masks = new NDArray[batch.numModalities()];
        for (int m = 0; m < masks.length; m++) {
            float[] v = new float[batch.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = batch.isPresent(m, i) ? 1f : 0f;
            }
            masks[m] = batch.manager().create(v, new Shape(v.length, 1));
        }
        return masks;
    }

    private NDArray reconstruction(Batch batch, NDArray[] observed, java.util.function.IntFunction<NDArray> g) {
        NDArray sum = null;
        for (int m = 0; m < batch.numModalities(); m++) {
            if (batch.presentCount(m) == 0) {
                continue;
            }
            NDArray r = g.apply(m).sub(batch.features(m)).square().mul(observed[m]).sum();
            sum = sum == null ? r : sum.add(r);
        }
        return sum;
    }

    /** g_m(h) with g's parameters as constants: the latents' steps must leave g's gradients alone. */
    private NDArray frozenDegradation(int m, NDArray h) {
        return Linear.linear(h, weight(m).stopGradient(), bias(m).stopGradient()).singletonOrThrow();
    }

    private NDArray weight(int m) {
        return parameter(m, "weight").getArray();
    }

    private NDArray bias(int m) {
        return parameter(m, "bias").getArray();
    }

    private Parameter parameter(int m, String kind) {
        for (Parameter p : degradation.get(m).parameters()) {
            if (p.getName().equals(kind)) {
                return p;
            }
        }
        throw new IllegalStateException("degradation network " + m + " has no " + kind);
    }

    /** p_c = mean of the class-c fit latents, written into the prototypes in place. */
    private void refreshPrototypes(NDManager bm) {
        NDArray h = latents.array().mul(Scalars.of(bm, LATENT_RATE_RATIO)).stopGradient();
        NDArray means = h.transpose().matMul(fitOneHot).transpose().mul(inverseCounts); // h first: results in bm
        prototypes.array().muli(Scalars.of(bm, 0f)).addi(means);
    }

    /**
     * Fused scores only: a modality's own output would be one more latent search per modality (M + 1
     * times the cost), so CPM-Net reports no unimodal accuracies.
     */
    @Override
    public Predictions predict(Batch batch) {
        long start = System.nanoTime();
        NDArray h = latentsFor(batch);
        NDArray scores = h.matMul(prototypes.array().transpose());
        LOG.debug("cpm-net: latents of {} samples ({} Adam steps) in {} ms", batch.size(), options.testSteps(),
                (System.nanoTime() - start) / 1_000_000);
        return Predictions.joint(batch, numClasses, scores, new NDArray[batch.numModalities()]);
    }

    /** The latents the prediction of {@code batch} finds (tests). */
    NDArray latentsFor(Batch batch) {
        int numModalities = batch.numModalities();
        NDArray[] w = new NDArray[numModalities];
        NDArray[] b = new NDArray[numModalities];
        NDArray[] x = new NDArray[numModalities];
        for (int m = 0; m < numModalities; m++) {
            w[m] = weight(m);
            b[m] = bias(m);
            x[m] = batch.features(m);
        }
        return LatentSolver.solve(w, b, x, observedMasks(batch), options.testSteps(), batch.manager());
    }

    /** Σ_{m observed} ‖g_m(h_n) − x_nm‖² per sample (tests). */
    float[] reconstructionErrors(Batch batch, NDArray h) {
        NDArray[] observed = observedMasks(batch);
        NDArray sum = null;
        for (int m = 0; m < batch.numModalities(); m++) {
            NDArray r = frozenDegradation(m, h).sub(batch.features(m)).square().mul(observed[m]).sum(new int[] {1});
            sum = sum == null ? r : sum.add(r);
        }
        return sum.toFloatArray();
    }

    @Override
    public void close() {
        manager.close();
    }
}
