package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.mla4j.core.Batch;
import org.mla4j.core.Forward;
import org.mla4j.core.Method;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.Predictions;
import org.mla4j.core.TensorSplit;
import org.mla4j.core.TrainingStep;
import org.mla4j.engine.Scalars;
import org.mla4j.eval.Evaluator;
import org.mla4j.io.InvalidInputException;
import org.mla4j.linalg.DccaCorrelation;
import org.mla4j.nn.Blocks;
import org.mla4j.nn.FcNet;
import org.mla4j.nn.ParameterGroup;

/**
 * The model DCCA ({@link Dcca}) and DCCAE ({@link Dccae}) share (spec MISSING-BASELINES §2–3): mean-filled
 * inputs ({@link MeanFills}), one network per modality {@code f_m = Linear(d_m,w)–BN–ReLU ×L → Linear(w,k)}
 * (the encoder's L layers of width w, 3 × 128 by default, and k = {@code cca_dims} outputs), optionally
 * one mirrored decoder per modality {@code p_m = Linear(k,w)–BN–ReLU ×L → Linear(w,d_m)}, and a linear
 * classifier on {@code z = [f_1(x̃_1); …; f_M(x̃_M)]}.
 * <pre>
 *   L = −Σ_{i<j} corr(f_i(x̃_i), f_j(x̃_j))  +  λ Σ_m R_m                  ({@link CorrelationObjective}, r = 1e-3)
 *   R_m = (1/(n·d_m)) Σ_n s_nm ‖p_m(f_m(x̃_nm)) − x_nm‖²                   (observed inputs only; λ = 0 for DCCA)
 * </pre>
 * The correlation and its gradient are computed on the host in float64; one backward pass from
 * {@code [vec(H_1 … H_M), λR]} seeded with {@code [vec(∂L/∂H), 1]} gives every network and decoder its
 * gradient. A batch of fewer than 10·k samples (a short last batch) does not update the networks: its
 * covariance estimate would be dominated by noise (spec §11).
 *
 * <p><b>Classifier.</b> The spec fits a linear SVM on z once training ends. Here a ridge least-squares
 * classifier ({@link LeastSquaresHead}) is fitted in closed form on the fit split's features (inference mode)
 * after the last batch of every epoch, so every epoch that validation may select has the classifier of
 * its own features. Its weights are frozen parameters ({@code head}); nothing trains them by gradient.
 * Unimodal output for m: the model's output with every other modality treated as absent (mean-filled).
 */
abstract class DeepCca implements Method {
    private final ModelSpec spec;
    private final int dims;
    private final double reconstructionWeight;
    private final NDManager manager;
    private final MeanFills fills;
    private final List<ParameterGroup> networks;
    private final List<ParameterGroup> decoders;
    private final ParameterGroup head;
    private final CorrelationObjective objective = new CorrelationObjective(DccaCorrelation.DEFAULT_RIDGE);
    private TensorSplit fit;
    private int epoch = -1;
    private int seen;

    DeepCca(ModelSpec spec, int dims, double reconstructionWeight, boolean withDecoders, NDManager parent) {
        if (spec.numModalities() < 2) {
            throw new InvalidInputException("dcca and dccae need at least 2 modalities, the data have "
                    + spec.numModalities());
        }
        this.spec = spec;
        this.dims = dims;
        this.reconstructionWeight = reconstructionWeight;
        this.manager = parent.newSubManager();
        this.fills = new MeanFills(spec, manager);
        int[] hidden = new int[spec.encoder().layers()];
        Arrays.fill(hidden, spec.encoder().width());
        List<ParameterGroup> n = new ArrayList<>();
        List<ParameterGroup> d = new ArrayList<>();
        for (int m = 0; m < spec.numModalities(); m++) {
            String modality = spec.modalities().get(m).name();
            int dim = spec.modalities().get(m).dim();
            n.add(new ParameterGroup("network." + modality,
                    FcNet.builder(dims).hidden(hidden).batchNorm().build(dim, manager)));
            if (withDecoders) {
                d.add(new ParameterGroup("decoder." + modality,
                        FcNet.builder(dim).hidden(hidden).batchNorm().build(dims, manager)));
            }
        }
        this.networks = Collections.unmodifiableList(n);
        this.decoders = Collections.unmodifiableList(d);
        Block classifier = Blocks.linear(dims * spec.numModalities(), spec.numClasses(), manager);
        classifier.freezeParameters(true);
        this.head = new ParameterGroup("head", classifier);
    }

    @Override
    public List<ParameterGroup> groups() {
        List<ParameterGroup> all = new ArrayList<>(fills.groups());
        all.addAll(networks);
        all.addAll(decoders);
        all.add(head);
        return all;
    }

    /** The train-only means, and the split the classifier is fitted on at the end of each epoch. */
    @Override
    public void prepare(TensorSplit fitSplit, NDManager m) {
        fills.fit(HostSplit.of(fitSplit, m));
        this.fit = fitSplit;
        this.epoch = -1;
    }

    /** The smallest batch whose correlation updates the networks: ten samples per output. */
    int minBatch() {
        return 10 * dims;
    }

    @Override
    public void trainBatch(Batch batch, TrainingStep step) {
        if (step.epoch() != epoch) {
            epoch = step.epoch();
            seen = 0;
        }
        seen += batch.size();
        if (batch.size() >= minBatch()) {
            networkStep(batch, step);
        }
        if (fit != null && seen == fit.size()) {
            // every update of this thread has run in place (no encode(), so nothing is deferred)
            fitClassifier(batch.manager());
        }
    }

    private void networkStep(Batch batch, TrainingStep step) {
        NDManager bm = batch.manager();
        try (GradientCollector collector = step.collector()) {
            NDList outputs = new NDList();
            NDList inputs = new NDList();
            for (int m = 0; m < networks.size(); m++) {
                inputs.add(fills.filled(step, batch, m));
                outputs.add(step.through(networks.get(m), inputs.get(m)));
            }
            CorrelationObjective.Result r = objective.evaluate(outputs);
            NDArray target = NDArrays.concat(outputs, 1);
            NDArray seed = r.seed(bm);
            double total = r.loss();
            if (!decoders.isEmpty()) {
                NDArray reconstruction = reconstruction(step, batch, outputs);
                step.recordLoss("loss_reconstruction", reconstruction);
                NDArray weighted = reconstruction.mul(Scalars.of(bm, (float) reconstructionWeight));
                target = target.reshape(-1).concat(weighted.reshape(1));
                seed = seed.reshape(-1).concat(bm.ones(new Shape(1)));
                total += reconstructionWeight * reconstruction.getFloat();
            }
            step.backward(target, seed);
            step.recordLoss("loss_correlation", bm.create((float) r.loss()));
            step.recordLoss("loss", bm.create((float) total));
        }
        for (ParameterGroup g : networks) {
            step.update(g);
        }
        for (ParameterGroup g : decoders) {
            step.update(g);
        }
    }

    /** Σ_m R_m: each decoder's squared error on the observed inputs, over n·d_m. */
    private NDArray reconstruction(TrainingStep step, Batch batch, NDList outputs) {
        NDManager bm = batch.manager();
        NDArray sum = null;
        for (int m = 0; m < decoders.size(); m++) {
            float[] observed = new float[batch.size()];
            for (int i = 0; i < observed.length; i++) {
                observed[i] = batch.isPresent(m, i) ? 1f : 0f;
            }
            NDArray error = step.through(decoders.get(m), outputs.get(m)).sub(batch.features(m)).square()
                    .mul(bm.create(observed, new Shape(observed.length, 1)));
            NDArray r = error.sum().div(Scalars.of(bm, (float) error.size()));
            sum = sum == null ? r : sum.add(r);
        }
        return sum;
    }

    /** Refits the classifier on the fit split's features as prediction computes them. */
    private void fitClassifier(NDManager parent) {
        int f = dims * networks.size();
        float[] z = new float[fit.size() * f];
        for (int from = 0; from < fit.size(); from += Evaluator.BATCH) {
            int to = Math.min(fit.size(), from + Evaluator.BATCH);
            try (NDManager temp = parent.newSubManager()) {
                float[] part = features(Forward.inference(temp), fit.slice(temp, from, to), -1).toFloatArray();
                System.arraycopy(part, 0, z, from * f, part.length);
            }
        }
        LeastSquaresHead.Fit solution = LeastSquaresHead.fit(z, fit.size(), f, fit.labelValues(), spec.numClasses());
        FrozenValues.set(head.parameters().get(0), solution.weight());
        FrozenValues.set(head.parameters().get(1), solution.bias());
    }

    /** [f_1(x̃_1); …; f_M(x̃_M)]; with {@code only ≥ 0} every other modality is treated as absent. */
    private NDArray features(Forward forward, Batch batch, int only) {
        NDList z = new NDList();
        for (int m = 0; m < networks.size(); m++) {
            NDArray x = only < 0 || only == m ? fills.filled(forward, batch, m) : fills.allMissing(forward, batch, m);
            z.add(forward.through(networks.get(m), x));
        }
        return NDArrays.concat(z, 1);
    }

    @Override
    public Predictions predict(Batch batch) {
        return predict(batch, true);
    }

    @Override
    public Predictions predictFused(Batch batch) {
        return predict(batch, false);
    }

    private Predictions predict(Batch batch, boolean modalities) {
        Forward inference = Forward.inference(batch.manager());
        return OnlyModalityPrediction.predict(batch, spec.numClasses(), modalities,
                only -> inference.through(head, features(inference, batch, only)));
    }

    @Override
    public void close() {
        manager.close();
    }
}
