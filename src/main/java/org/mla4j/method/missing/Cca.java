package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.mla4j.core.Batch;
import org.mla4j.core.Forward;
import org.mla4j.core.Losses;
import org.mla4j.core.Method;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.Predictions;
import org.mla4j.core.TensorSplit;
import org.mla4j.core.TrainingStep;
import org.mla4j.io.InvalidInputException;
import org.mla4j.linalg.CcaFit;
import org.mla4j.linalg.LinearCca;
import org.mla4j.linalg.LinearProjection;
import org.mla4j.linalg.MaxvarGcca;
import org.mla4j.linalg.PairwiseCca;
import org.mla4j.linalg.RowMatrix;
import org.mla4j.nn.Blocks;
import org.mla4j.nn.ParameterGroup;

/**
 * Linear CCA for missing modalities (Hotelling 1936; spec MISSING-BASELINES §1): mean-filled inputs,
 * canonical projections fitted in closed form on the fit split, a linear classifier on them.
 * <pre>
 *   x̃_m = x_m, or μ_m (train-only mean of the observed rows) where m is absent      ({@link MeanFills})
 *   pairwise (default): per pair (i, j), k_ij = min(k, d_i, d_j), CCA with r = 1e-4 in float64 ({@link LinearCca})
 *       z_m = [ (x̃_m − μ_m) A_m^{(m,j)} for the pairs (m, j) in {@link PairwiseCca#pairs} order ]
 *   maxvar: z_m = (x̃_m − μ_m) A_m, A_m from {@link MaxvarGcca} with k' = min(k, Σ d_m)
 *   ŷ = W [z_1; …; z_M] + b,   loss = CE(ŷ)   (only W, b train; the projections are fixed)
 * </pre>
 * The features are grouped by modality (all of z_m's pair blocks, then z_{m+1}'s), a reordering of
 * {@link PairwiseCca}'s layout; for M modalities and k_ij = k there are k·M(M−1) of them. The
 * projections are fitted in {@link #prepare} (before the first epoch; again on resume, with the same
 * result) and kept as frozen parameters ({@code projection.<modality>}: a Linear layer with
 * {@code weight = A_mᵀ}, {@code bias = −μ_m A_m}, stored as float32), so a model file needs no refit.
 * Unimodal output for m: ŷ with every other modality treated as absent (mean-filled, so its
 * projections are 0). Option: {@link CcaOptions} ({@code cca_dims}, {@code cca_form}).
 */
public final class Cca implements Method {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Cca.class);

    private final ModelSpec spec;
    private final CcaOptions options;
    private final NDManager manager;
    private final MeanFills fills;
    private final List<ParameterGroup> projections;
    private final ParameterGroup head;
    private double[][] correlations = new double[0][];
    /** z of every fit row, computed once in {@link #prepare} (the projections do not change while the head trains). */
    private NDArray fitFeatures;

    public Cca(ModelSpec spec, CcaOptions options, NDManager parent) {
        if (spec.numModalities() < 2) {
            throw new InvalidInputException("cca needs at least 2 modalities, the data have " + spec.numModalities());
        }
        this.spec = spec;
        this.options = options;
        this.manager = parent.newSubManager();
        this.fills = new MeanFills(spec, manager);
        int[] widths = widths(spec, options);
        List<ParameterGroup> p = new ArrayList<>();
        int total = 0;
        for (int m = 0; m < spec.numModalities(); m++) {
            Block projection = Blocks.linear(spec.modalities().get(m).dim(), widths[m], manager);
            projection.freezeParameters(true);
            p.add(new ParameterGroup("projection." + spec.modalities().get(m).name(), projection));
            total += widths[m];
        }
        this.projections = Collections.unmodifiableList(p);
        this.head = new ParameterGroup("head", Blocks.linear(total, spec.numClasses(), manager));
    }

    /** The width of z_m per modality: Σ over m's pairs of k_ij (pairwise), or k' (maxvar). */
    static int[] widths(ModelSpec spec, CcaOptions options) {
        int numModalities = spec.numModalities();
        int[] widths = new int[numModalities];
        int sum = 0;
        for (int m = 0; m < numModalities; m++) {
            sum += spec.modalities().get(m).dim();
        }
        for (int m = 0; m < numModalities; m++) {
            if (options.form() == CcaOptions.Form.MAXVAR) {
                widths[m] = Math.min(options.dims(), sum);
            } else {
                for (int[] pair : PairwiseCca.pairs(numModalities)) {
                    if (pair[0] == m || pair[1] == m) {
                        widths[m] += pairDims(spec, options.dims(), pair);
                    }
                }
            }
        }
        return widths;
    }

    private static int pairDims(ModelSpec spec, int k, int[] pair) {
        return Math.min(k, Math.min(spec.modalities().get(pair[0]).dim(), spec.modalities().get(pair[1]).dim()));
    }

    @Override
    public String name() {
        return "cca";
    }

    @Override
    public List<ParameterGroup> groups() {
        List<ParameterGroup> all = new ArrayList<>(fills.groups());
        all.addAll(projections);
        all.add(head);
        return all;
    }

    /**
     * Per pair its canonical correlations ρ_1 ≥ … ≥ ρ_k on the fit split (pairwise), or MAXVAR's k
     * eigenvalues (one row); empty before {@link #prepare}.
     */
    public double[][] correlations() {
        return correlations.clone();
    }

    /** Mean fill and the closed-form projections from the fit split (float64, EJML). */
    @Override
    public void prepare(TensorSplit fit, NDManager m) {
        HostSplit host = HostSplit.of(fit, m);
        float[][] filled = fills.fit(host);
        List<RowMatrix> views = new ArrayList<>();
        for (int v = 0; v < filled.length; v++) {
            views.add(RowMatrix.of(filled[v], host.size(), host.dim(v)));
        }
        List<List<LinearProjection>> parts = options.form() == CcaOptions.Form.MAXVAR ? maxvar(views) : pairwise(views);
        for (int v = 0; v < parts.size(); v++) {
            setProjection(v, parts.get(v));
        }
        LOG.debug("cca ({}): canonical correlations {}", options.form(), Arrays.deepToString(correlations));
        if (fitFeatures != null) {
            fitFeatures.close();
        }
        try (NDManager temp = m.newSubManager()) {
            for (ParameterGroup g : groups()) {
                temp.tempAttachAll(g.arrays());
            }
            fitFeatures = features(Forward.inference(temp), fit.slice(temp, 0, fit.size()), -1);
            fitFeatures.attach(manager);
        }
    }

    private List<List<LinearProjection>> pairwise(List<RowMatrix> views) {
        List<List<LinearProjection>> parts = new ArrayList<>();
        views.forEach(v -> parts.add(new ArrayList<>()));
        List<int[]> pairs = PairwiseCca.pairs(views.size());
        double[][] rho = new double[pairs.size()][];
        for (int p = 0; p < pairs.size(); p++) {
            int[] pair = pairs.get(p);
            CcaFit fit = new LinearCca(pairDims(spec, options.dims(), pair), options.ridge(), options.ridge())
                    .fit(views.get(pair[0]), views.get(pair[1]));
            rho[p] = fit.correlations();
            parts.get(pair[0]).add(fit.projection(0));
            parts.get(pair[1]).add(fit.projection(1));
        }
        correlations = rho;
        return parts;
    }

    private List<List<LinearProjection>> maxvar(List<RowMatrix> views) {
        int k = widths(spec, options)[0];
        if (views.get(0).numRows() < k) {
            throw new InvalidInputException("cca with cca_form maxvar and " + k + " dimensions needs at least " + k
                    + " training samples, the fit split has " + views.get(0).numRows());
        }
        MaxvarGcca fit = MaxvarGcca.fit(views, k, options.ridge());
        correlations = new double[][] {fit.eigenvalues()};
        List<List<LinearProjection>> parts = new ArrayList<>();
        for (int v = 0; v < views.size(); v++) {
            parts.add(List.of(fit.projection(v)));
        }
        return parts;
    }

    /** projection.m ← weight Aᵀ (the blocks' columns side by side), bias −μA. */
    private void setProjection(int m, List<LinearProjection> blocks) {
        int d = spec.modalities().get(m).dim();
        int width = blocks.stream().mapToInt(LinearProjection::outputDim).sum();
        float[] weight = new float[width * d];
        float[] bias = new float[width];
        int row = 0;
        for (LinearProjection block : blocks) {
            double[] mean = block.mean();
            for (int c = 0; c < block.outputDim(); c++, row++) {
                double b = 0;
                for (int i = 0; i < d; i++) {
                    double a = block.weight(i, c);
                    weight[row * d + i] = (float) a;
                    b -= mean[i] * a;
                }
                bias[row] = (float) b;
            }
        }
        ParameterGroup group = projections.get(m);
        FrozenValues.set(group.parameters().get(0), weight);
        FrozenValues.set(group.parameters().get(1), bias);
    }

    /** [z_1; …; z_M]; with {@code only ≥ 0} every other modality is treated as absent. */
    private NDArray features(Forward forward, Batch batch, int only) {
        NDList z = new NDList();
        for (int m = 0; m < projections.size(); m++) {
            NDArray filled = only < 0 || only == m ? fills.filled(forward, batch, m) : fills.allMissing(forward, batch, m);
            z.add(forward.through(projections.get(m), filled));
        }
        return NDArrays.concat(z, 1);
    }

    @Override
    public void trainBatch(Batch batch, TrainingStep step) {
        long[] rows = new long[batch.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = batch.positions()[i];
        }
        NDArray z = fitFeatures.get(batch.manager().create(rows)); // fixed: nothing to differentiate
        z.attach(batch.manager());
        try (GradientCollector collector = step.collector()) {
            NDArray loss = Losses.crossEntropy(step.through(head, z), batch.oneHot());
            collector.backward(loss);
            step.recordLoss("loss", loss);
        }
        step.update(head);
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
