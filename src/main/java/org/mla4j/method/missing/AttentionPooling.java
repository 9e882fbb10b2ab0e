package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * TATE's "SigmoidAtt" pooling of a token sequence (n × T × D) into one vector (spec MISSING-BASELINES
 * §9), with dense layers without bias:
 *
 * <pre>
 *   g_t = (e_t W_u) ⊙ σ(e_t W_m),    α = softmax_t(g_t W_r),    p = Σ_t α_t e_t
 * </pre>
 */
public final class AttentionPooling extends AbstractBlock {
    private final int dim;
    private final Block values;
    private final Block gates;
    private final Block scores;

    public AttentionPooling(int dim, NDManager manager) {
        this.dim = dim;
        this.values = addChildBlock("values", TransformerBlock.glorot(dim, false));
        this.gates = addChildBlock("gates", TransformerBlock.glorot(dim, false));
        this.scores = addChildBlock("scores", TransformerBlock.glorot(1, false));
        initialize(manager, DataType.FLOAT32, new Shape(1, 1, dim));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block b : new Block[] {values, gates, scores}) {
            b.initialize(manager, dataType, new Shape(1, dim));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long n = x.getShape().get(0);
        long tokens = x.getShape().get(1);
        NDArray flat = x.reshape(new Shape(n * tokens, dim));
        NDArray g = run(values, store, flat, training, params)
                .mul(Activation.sigmoid(run(gates, store, flat, training, params)));
        NDArray alpha = run(scores, store, g, training, params).reshape(new Shape(n, tokens, 1)).softmax(1);
        return new NDList(x.mul(alpha).sum(new int[] {1}));
    }

    private static NDArray run(Block block, ParameterStore store, NDArray x, boolean training,
                               PairList<String, Object> params) {
        return block.forward(store, new NDList(x), training, params).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), dim)};
    }
}
