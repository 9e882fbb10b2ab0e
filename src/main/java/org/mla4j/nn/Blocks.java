package org.mla4j.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/** Builds and initialises the networks the methods are made of. */
public final class Blocks {
    private Blocks() {
    }

    /** An encoder for inputs of size {@code inputDim}, initialised in {@code manager}. */
    public static Block encoder(EncoderSpec spec, int inputDim, NDManager manager) {
        SequentialBlock block = new SequentialBlock();
        int fanIn = inputDim;
        for (int i = 0; i < spec.layers(); i++) {
            block.add(TorchInit.linear(fanIn, spec.width()));
            block.add(Activation.reluBlock());
            fanIn = spec.width();
        }
        block.initialize(manager, DataType.FLOAT32, new Shape(1, inputDim));
        return block;
    }

    /** A fully connected layer {@code in → out} (no activation), initialised in {@code manager}. */
    public static Block linear(int in, int out, NDManager manager) {
        Block block = TorchInit.linear(in, out);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, in));
        return block;
    }
}
