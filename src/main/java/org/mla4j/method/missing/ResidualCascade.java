package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mla4j.nn.FcNet;

/**
 * A cascade of residual autoencoders (Tran et al., CVPR 2017, as GCNet's {@code ResidualAE}; spec
 * MISSING-BASELINES §5) on vectors of width W:
 * <pre>
 *   in_1 = h;   in_b = in_{b−1} + u_{b−1}   (b = 2..B)
 *   u_b  = D_b(E_b(in_b))
 *   ĥ    = Tr(in_B + u_B)
 *   E_b  = Linear(W, l_1)–LeakyReLU–…–Linear(l_{L−1}, l_L)          (no activation at the code)
 *   D_b  = Linear(l_L, l_{L−1})–ReLU–…–Linear(l_1, W)
 *   Tr   = Linear(W, W)–ReLU–Linear(W, W)
 * </pre>
 * with the layer widths l = (256, 128) for GCNet's CRA; every block has its own weights. The output is ĥ.
 */
final class ResidualCascade extends AbstractBlock {
    private final List<Block> encoders = new ArrayList<>();
    private final List<Block> decoders = new ArrayList<>();
    private final Block transition;

    /** B = {@code blocks} residual autoencoders with code layers {@code layers} (l_1 … l_L), initialised. */
    ResidualCascade(int width, int[] layers, int blocks, FcNet.Init init, NDManager manager) {
        int code = layers[layers.length - 1];
        int[] inner = Arrays.copyOf(layers, layers.length - 1);
        int[] mirrored = new int[inner.length];
        for (int i = 0; i < inner.length; i++) {
            mirrored[i] = inner[inner.length - 1 - i];
        }
        for (int b = 1; b <= blocks; b++) {
            encoders.add(addChildBlock("encoder" + b, FcNet.builder(code).hidden(inner)
                    .activation(FcNet.Act.LEAKY_RELU).init(init).build(width, manager)));
            decoders.add(addChildBlock("decoder" + b, FcNet.builder(width).hidden(mirrored)
                    .activation(FcNet.Act.RELU).init(init).build(code, manager)));
        }
        transition = addChildBlock("transition", FcNet.builder(width).hidden(width)
                .activation(FcNet.Act.RELU).init(init).build(width, manager));
        initialize(manager, DataType.FLOAT32, new Shape(1, width));
    }

    /** The parts were built and initialised by {@link FcNet}; nothing is left to do. */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray in = inputs.singletonOrThrow();
        NDArray u = null;
        for (int b = 0; b < encoders.size(); b++) {
            if (u != null) {
                in = in.add(u);
            }
            NDArray z = encoders.get(b).forward(store, new NDList(in), training, params).singletonOrThrow();
            u = decoders.get(b).forward(store, new NDList(z), training, params).singletonOrThrow();
        }
        return transition.forward(store, new NDList(in.add(u)), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }
}
