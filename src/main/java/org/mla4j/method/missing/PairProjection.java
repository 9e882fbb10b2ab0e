package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;

/**
 * TATE's "two-by-two" projection in the spec's flat-vector form (MISSING-BASELINES §9): one matrix
 * W_ij ∈ R^{w×P} shared by each unordered pair of modalities, and every modality's token is the
 * concatenation of its projections through the matrices of its pairs,
 *
 * <pre>
 *   c_m = [e_m W_{m j_1} ‖ … ‖ e_m W_{m j_{M−1}}]      j over the other modalities in order; P(M−1) wide
 * </pre>
 *
 * so two modalities meet in a common sub-space through the matrix they share. For M = 3 this is exactly
 * TATE's c_v = [e_vW_va ‖ e_vW_vt] scheme. Input n × M × w, output n × M × P(M−1); no bias.
 */
public final class PairProjection extends AbstractBlock {
    private final int modalities;
    private final int width;
    private final int part;
    private final Parameter[][] pairs;

    public PairProjection(int modalities, int width, int part, NDManager manager) {
        this.modalities = modalities;
        this.width = width;
        this.part = part;
        this.pairs = new Parameter[modalities][modalities];
        for (int i = 0; i < modalities; i++) {
            for (int j = i + 1; j < modalities; j++) {
                Parameter p = addParameter(Parameter.builder().setName("pair_" + i + "_" + j)
                        .setType(Parameter.Type.WEIGHT).optShape(new Shape(width, part))
                        .optInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                                XavierInitializer.FactorType.AVG, 3f)).build());
                pairs[i][j] = p;
                pairs[j][i] = p;
            }
        }
        initialize(manager, DataType.FLOAT32, new Shape(1, modalities, width));
    }

    /** Width of each output token, P(M−1). */
    public int outputWidth() {
        return part * (modalities - 1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDList tokens = new NDList();
        for (int m = 0; m < modalities; m++) {
            NDArray e = x.get(new NDIndex(":, {}, :", m));
            NDList parts = new NDList();
            for (int j = 0; j < modalities; j++) {
                if (j != m) {
                    parts.add(e.matMul(store.getValue(pairs[m][j], x.getDevice(), training)));
                }
            }
            tokens.add(parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1));
        }
        return new NDList(NDArrays.stack(tokens, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), modalities, outputWidth())};
    }

    @Override
    public String toString() {
        return "PairProjection(" + modalities + " modalities, " + width + " → " + part + " per pair)";
    }
}
