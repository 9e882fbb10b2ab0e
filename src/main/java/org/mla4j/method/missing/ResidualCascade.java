package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.mla4j.nn.FcNet;

/**
 * A cascade of residual autoencoders over a D-dimensional code (GCNet/MMIN {@code ResidualAE}, spec
 * MISSING-BASELINES §5–7), as one block so that it is one parameter group (one unit of gradient
 * clipping, as GCNet clips per module). Block b has an encoder
 * {@code E_b = Linear(D,a_1)–LeakyReLU–…–Linear(a_{k−1},a_k)} (no activation at the end) and a mirrored
 * decoder {@code D_b = Linear(a_k,a_{k−1})–ReLU–…–Linear(a_1,D)}; a transition
 * {@code Tr = Linear(D,D)–ReLU–Linear(D,D)} ends the cascade. Two ways of chaining the blocks:
 *
 * <pre>
 *   CUMULATIVE (CRA, MMIN):  in_1 = h, u_0 = 0;  in_b = in_{b−1} + u_{b−1},  z_b = E_b(in_b),  u_b = D_b(z_b)
 *                            ĥ = Tr(in_nb + u_nb)                                     input: h (n × D)
 *   CONDITIONED (IF-MMIN):   o_0 = h;  in_b = o_{b−1} + s,  z_b = E_b(in_b),  o_b = D_b(z_b)
 *                            ĥ = Tr(o_nb)                                       input: [h ‖ s] (n × 2D)
 * </pre>
 *
 * The output is {@code [ĥ ‖ z_1 ‖ … ‖ z_nb]} (n × (D + nb·a_k)); {@link #reconstruction} and
 * {@link #latents} split it. Generic: any block count, layer sizes and initialisation.
 */
public final class ResidualCascade extends AbstractBlock {
    /** How block inputs are formed. */
    public enum Mode { CUMULATIVE, CONDITIONED }

    private final Mode mode;
    private final int dim;
    private final int latent;
    private final List<Block> encoders = new ArrayList<>();
    private final List<Block> decoders = new ArrayList<>();
    private final Block transition;

    /**
     * @param dim      D, the code size
     * @param layers   a_1 … a_k, the encoder widths (the last is the latent size)
     * @param blocks   nb ≥ 1
     */
    public ResidualCascade(Mode mode, int dim, int[] layers, int blocks, FcNet.Init init, NDManager manager) {
        if (blocks < 1 || layers.length < 1) {
            throw new IllegalArgumentException("a cascade needs at least one block and one layer");
        }
        this.mode = mode;
        this.dim = dim;
        this.latent = layers[layers.length - 1];
        int[] encoderHidden = java.util.Arrays.copyOf(layers, layers.length - 1);
        int[] decoderHidden = new int[layers.length - 1];
        for (int i = 0; i < decoderHidden.length; i++) {
            decoderHidden[i] = layers[layers.length - 2 - i];
        }
        for (int b = 0; b < blocks; b++) {
            encoders.add(addChildBlock("encoder" + b, FcNet.builder(latent).hidden(encoderHidden)
                    .activation(FcNet.Act.LEAKY_RELU).init(init).build(dim, manager)));
            decoders.add(addChildBlock("decoder" + b, FcNet.builder(dim).hidden(decoderHidden)
                    .activation(FcNet.Act.RELU).init(init).build(latent, manager)));
        }
        transition = addChildBlock("transition", FcNet.builder(dim).hidden(dim).activation(FcNet.Act.RELU)
                .init(init).build(dim, manager));
        initialize(manager, DataType.FLOAT32, new Shape(1, mode == Mode.CUMULATIVE ? dim : 2 * dim));
    }

    /** The children were built initialised ({@link FcNet#build}); this only records their input shapes. */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (int b = 0; b < encoders.size(); b++) {
            encoders.get(b).initialize(manager, dataType, new Shape(1, dim));
            decoders.get(b).initialize(manager, dataType, new Shape(1, latent));
        }
        transition.initialize(manager, dataType, new Shape(1, dim));
    }

    /** Size of the output: D + nb·a_k. */
    public int outputSize() {
        return dim + encoders.size() * latent;
    }

    /** Size of the concatenated latents: nb·a_k. */
    public int latentSize() {
        return encoders.size() * latent;
    }

    /** ĥ from the cascade's output. */
    public NDArray reconstruction(NDArray output) {
        return output.get(new NDIndex(":, 0:{}", dim));
    }

    /** {@code [z_1 ‖ … ‖ z_nb]} from the cascade's output. */
    public NDArray latents(NDArray output) {
        return output.get(new NDIndex(":, {}:", dim));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray h = mode == Mode.CUMULATIVE ? x : x.get(new NDIndex(":, 0:{}", dim));
        NDArray s = mode == Mode.CUMULATIVE ? null : x.get(new NDIndex(":, {}:", dim));
        NDList latents = new NDList();
        NDArray in = h;
        NDArray out = null;
        for (int b = 0; b < encoders.size(); b++) {
            if (mode == Mode.CUMULATIVE) {
                in = out == null ? h : in.add(out);
            } else {
                in = (out == null ? h : out).add(s);
            }
            NDArray z = run(encoders.get(b), store, in, training, params);
            latents.add(z);
            out = run(decoders.get(b), store, z, training, params);
        }
        NDArray last = mode == Mode.CUMULATIVE ? in.add(out) : out;
        NDArray reconstruction = run(transition, store, last, training, params);
        NDList all = new NDList(reconstruction);
        all.addAll(latents);
        return new NDList(NDArrays.concat(all, 1));
    }

    private static NDArray run(Block block, ParameterStore store, NDArray x, boolean training,
                               PairList<String, Object> params) {
        return block.forward(store, new NDList(x), training, params).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outputSize())};
    }
}
