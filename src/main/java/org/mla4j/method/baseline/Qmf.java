package org.mla4j.method.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.mla4j.engine.Scalars;
import org.mla4j.method.shared.JointTraining;
import org.mla4j.method.shared.UnimodalBranches;
import org.mla4j.method.shared.UnimodalPrediction;
import org.mla4j.nn.ParameterGroup;

/**
 * QMF, quality-aware multimodal fusion (Zhang et al., ICML 2023), simplified as in the reference
 * figures: the late-fusion architecture trained jointly with confidence-weighted fusion.
 *
 * <pre>
 *   f_m = W_m h_m(x_m) + b_m,   c_m = logsumexp(f_m) / T                  ({@link QmfConfidence})
 *   ŷ   = Σ_{m present} sg(c_m) · f_m                                      (sg: no gradient)
 *   loss = CE(ŷ) + Σ_m CE(f_m) + λ · Σ_m R_m
 *   R_m  = mean over pairs (i, j = i−1 mod n) of relu(−sign(r_m(i) − r_m(j)) · (c_m(i) − c_m(j)))
 * </pre>
 *
 * {@code r_m(i)} is sample i's past training correctness for modality m ({@link CorrectnessHistory},
 * read before this batch and updated after it), so the ranking loss asks a modality to be more
 * confident on the samples it has tended to get right. Options: {@link QmfOptions#TEMPERATURE}
 * (T, default 10) and {@link QmfOptions#RANKING_WEIGHT} (λ, default 0.1). Unimodal evaluation:
 * {@code f_m}. Missing modalities: {@code CE(f_m)} and {@code R_m} use only the samples (pairs) that
 * have m, the fusion only the present modalities; a branch that no sample of the batch has is not
 * updated.
 */
public final class Qmf implements Method {
    private final ModelSpec spec;
    private final double temperature;
    private final double rankingWeight;
    private final NDManager manager;
    private final UnimodalBranches branches;
    private final CorrectnessHistory history;

    public Qmf(ModelSpec spec, double temperature, double rankingWeight, NDManager parent) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("QMF temperature must be positive, got " + temperature);
        }
        this.spec = spec;
        this.temperature = temperature;
        this.rankingWeight = rankingWeight;
        this.manager = parent.newSubManager();
        this.branches = new UnimodalBranches(spec, manager);
        this.history = new CorrectnessHistory(spec.numModalities());
    }

    @Override
    public String name() {
        return "qmf";
    }

    @Override
    public List<ParameterGroup> groups() {
        return branches.groups();
    }

    /** The running correctness of each training sample (read-only use). */
    public CorrectnessHistory history() {
        return history;
    }

    @Override
    public void trainBatch(Batch batch, TrainingStep step) {
        int n = batch.size();
        int numModalities = branches.size();
        NDManager bm = batch.manager();
        NDArray[] logits = new NDArray[numModalities];
        List<ParameterGroup> trained = new ArrayList<>();
        try (GradientCollector collector = step.collector()) {
            NDArray fused = null;
            NDArray unimodalLoss = null;
            NDArray rankingLoss = null;
            for (int m = 0; m < numModalities; m++) {
                int count = batch.presentCount(m);
                if (count == 0) {
                    continue;
                }
                trained.addAll(branches.branch(m));
                NDArray mask = bm.create(asFloats(batch.present(m)));
                logits[m] = branches.logits(step, m, batch.features(m));
                NDArray confidence = QmfConfidence.of(logits[m], temperature);
                NDArray weighted = logits[m].mul(confidence.stopGradient().mul(mask).expandDims(1));
                fused = fused == null ? weighted : fused.add(weighted);
                NDArray ce = Losses.crossEntropyPerSample(logits[m], batch.oneHot()).mul(mask).sum()
                        .div(Scalars.of(bm, count));
                unimodalLoss = unimodalLoss == null ? ce : unimodalLoss.add(ce);
                NDArray ranking = ranking(m, confidence, batch);
                rankingLoss = rankingLoss == null ? ranking : rankingLoss.add(ranking);
            }
            NDArray fusedLoss = Losses.crossEntropy(fused, batch.oneHot());
            NDArray loss = fusedLoss.add(unimodalLoss).add(rankingLoss.mul(Scalars.of(bm, (float) rankingWeight)));
            collector.backward(loss);
            step.recordLoss("loss", loss);
            step.recordLoss("loss_fused", fusedLoss);
            step.recordLoss("loss_ranking", rankingLoss);
        }
        int[] labels = labelValues(batch);
        for (int m = 0; m < numModalities; m++) {
            if (logits[m] == null) {
                continue;
            }
            float[] values = logits[m].stopGradient().toFloatArray();
            for (int i = 0; i < n; i++) {
                if (batch.isPresent(m, i)) {
                    history.record(m, batch.positions()[i],
                            Predictions.argmax(values, i, spec.numClasses()) == labels[i]);
                }
            }
        }
        JointTraining.updateAll(step, trained);
    }

    /** R_m for one modality of a batch, with the history as it was before this batch. */
    private NDArray ranking(int m, NDArray confidence, Batch batch) {
        double[] rates = new double[batch.size()];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = history.rate(m, batch.positions()[i]);
        }
        return rankingLoss(confidence, rates, batch.present(m), batch.manager());
    }

    /**
     * {@code mean over valid pairs (i, j = i−1 mod n) of relu(−sign(r_i − r_j)·(c_i − c_j))}, a pair
     * being valid when both samples are present; 0 when there is none.
     */
    static NDArray rankingLoss(NDArray confidence, double[] rates, boolean[] present, NDManager manager) {
        int n = rates.length;
        long[] partner = new long[n];
        float[] negativeSign = new float[n];
        float[] valid = new float[n];
        int pairs = 0;
        for (int i = 0; i < n; i++) {
            int j = (i - 1 + n) % n;
            partner[i] = j;
            if (present[i] && present[j]) {
                valid[i] = 1;
                pairs++;
                negativeSign[i] = (float) -Math.signum(rates[i] - rates[j]);
            }
        }
        NDArray difference = confidence.sub(confidence.get(manager.create(partner)));
        return difference.mul(manager.create(negativeSign)).maximum(Scalars.of(manager, 0f))
                .mul(manager.create(valid)).sum().div(Scalars.of(manager, Math.max(1, pairs)));
    }

    private static int[] labelValues(Batch batch) {
        long[] raw = batch.labels().toLongArray();
        int[] out = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = (int) raw[i];
        }
        return out;
    }

    private static float[] asFloats(boolean[] flags) {
        float[] out = new float[flags.length];
        for (int i = 0; i < flags.length; i++) {
            out[i] = flags[i] ? 1f : 0f;
        }
        return out;
    }

    @Override
    public Predictions predict(Batch batch) {
        Forward inference = Forward.inference(batch.manager());
        return UnimodalPrediction.predict(batch, spec.numClasses(),
                m -> branches.logits(inference, m, batch.features(m)),
                (logits, present, n, c, weights) -> QmfConfidence.fuse(temperature, logits, present, n, c, weights));
    }

    @Override
    public MethodState state() {
        return new MethodState() {
            @Override
            public Map<String, double[]> export() {
                Map<String, double[]> out = new LinkedHashMap<>();
                for (int m = 0; m < branches.size(); m++) {
                    int[][] counts = history.export(m);
                    String name = spec.modalities().get(m).name();
                    out.put("qmf.visits." + name, java.util.Arrays.stream(counts[0]).asDoubleStream().toArray());
                    out.put("qmf.correct." + name, java.util.Arrays.stream(counts[1]).asDoubleStream().toArray());
                }
                return out;
            }

            @Override
            public void restore(Map<String, double[]> values) {
                for (int m = 0; m < branches.size(); m++) {
                    String name = spec.modalities().get(m).name();
                    double[] visits = values.get("qmf.visits." + name);
                    double[] correct = values.get("qmf.correct." + name);
                    if (visits != null && correct != null) {
                        history.restore(m, toInts(visits), toInts(correct));
                    }
                }
            }
        };
    }

    private static int[] toInts(double[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (int) values[i];
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
