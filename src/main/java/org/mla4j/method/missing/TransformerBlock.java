package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import org.mla4j.engine.Scalars;
import org.mla4j.nn.HostDropout;

/**
 * One Transformer block over a short sequence of tokens (n × T × D), as TATE's code builds it (spec
 * MISSING-BASELINES §9): multi-head self-attention with Q/K/V projections without bias and no output
 * projection, attention dropout, a residual and LayerNorm, then a ReLU feed-forward net D → 4D → D with
 * a residual and LayerNorm:
 *
 * <pre>
 *   Q = XW_q, K = XW_k, V = XW_v,  split into H heads of D/H;  A_h = softmax(Q_h K_hᵀ / √(D/H))  (dropout)
 *   X₁ = LN(X + [A_1V_1 ‖ … ‖ A_HV_H]),     X₂ = LN(X₁ + W₂ ReLU(W₁X₁ + b₁) + b₂)
 * </pre>
 *
 * Every token attends to every token (no mask). Weights Glorot-uniform (TensorFlow's default for TATE's
 * dense layers), biases 0. Written from Linear layers and NDArray ops; generic in D, H and T.
 */
public final class TransformerBlock extends AbstractBlock {
    private final int dim;
    private final int heads;
    private final float dropout;
    private final Block query;
    private final Block key;
    private final Block value;
    private final Block norm1;
    private final Block hidden;
    private final Block output;
    private final Block norm2;

    /** @param dim D, a multiple of {@code heads} */
    public TransformerBlock(int dim, int heads, float dropout, NDManager manager) {
        if (dim % heads != 0) {
            throw new IllegalArgumentException("token size " + dim + " is not a multiple of " + heads + " heads");
        }
        this.dim = dim;
        this.heads = heads;
        this.dropout = dropout;
        this.query = addChildBlock("query", glorot(dim, false));
        this.key = addChildBlock("key", glorot(dim, false));
        this.value = addChildBlock("value", glorot(dim, false));
        this.norm1 = addChildBlock("norm1", LayerNorm.builder().axis(1).build());
        this.hidden = addChildBlock("ffn_hidden", glorot(4L * dim, true));
        this.output = addChildBlock("ffn_output", glorot(dim, true));
        this.norm2 = addChildBlock("norm2", LayerNorm.builder().axis(1).build());
        initialize(manager, DataType.FLOAT32, new Shape(1, 1, dim));
    }

    /** A dense layer with Glorot-uniform weights U(±√(6/(fan_in + fan_out))) and zero bias. */
    static Linear glorot(long units, boolean bias) {
        Linear layer = Linear.builder().setUnits(units).optBias(bias).build();
        layer.setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                XavierInitializer.FactorType.AVG, 3f), Parameter.Type.WEIGHT);
        return layer;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape row = new Shape(1, dim);
        for (Block b : new Block[] {query, key, value, norm1, output, norm2}) {
            b.initialize(manager, dataType, b == output ? new Shape(1, 4L * dim) : row);
        }
        hidden.initialize(manager, dataType, row);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long n = x.getShape().get(0);
        long tokens = x.getShape().get(1);
        long headDim = dim / heads;
        NDArray flat = x.reshape(new Shape(n * tokens, dim));
        Shape split = new Shape(n, tokens, heads, headDim);
        NDArray q = run(query, store, flat, training, params).reshape(split).transpose(0, 2, 1, 3);
        NDArray k = run(key, store, flat, training, params).reshape(split).transpose(0, 2, 3, 1);
        NDArray v = run(value, store, flat, training, params).reshape(split).transpose(0, 2, 1, 3);
        NDArray scores = q.matMul(k).mul(Scalars.of(x.getManager(), (float) (1 / Math.sqrt(headDim))));
        NDArray attention = HostDropout.apply(scores.softmax(-1), dropout, training);
        NDArray mixed = attention.matMul(v).transpose(0, 2, 1, 3).reshape(new Shape(n * tokens, dim));
        NDArray x1 = run(norm1, store, flat.add(mixed), training, params);
        NDArray ffn = run(output, store, Activation.relu(run(hidden, store, x1, training, params)),
                training, params);
        return new NDList(run(norm2, store, x1.add(ffn), training, params).reshape(new Shape(n, tokens, dim)));
    }

    private static NDArray run(Block block, ParameterStore store, NDArray x, boolean training,
                               PairList<String, Object> params) {
        return block.forward(store, new NDList(x), training, params).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
