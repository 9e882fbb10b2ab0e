package org.mla4j.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;

/**
 * Fully connected networks as the missing-modality baselines build them (GCNet's "FcClassifier",
 * MMIN's encoders, the CCA family's MLPs): {@code Linear → [BatchNorm] → activation → [Dropout]} per
 * hidden layer, then a last {@code Linear} (without activation unless {@link #lastActivation} asks for
 * one, as an autoencoder's output layer). Initialised as the method's code base does ({@link Init}).
 *
 * <pre>
 *   FcNet.builder(128).hidden(128, 128).dropout(0.5f).init(Init.NORMAL_002).build(inputDim, manager)
 * </pre>
 */
public final class FcNet {
    /** How weights (and biases) start. */
    public enum Init {
        /** PyTorch's default for Linear: weight and bias ~ U(±1/√fan_in). */
        TORCH_DEFAULT,
        /** GCNet's {@code init_type normal}: weight ~ N(0, 0.02²), bias 0. */
        NORMAL_002,
        /** Kaiming normal (fan_in, ReLU gain): weight ~ N(0, 2/fan_in), bias 0 (MMIN's teachers). */
        KAIMING,
        /** Xavier normal: weight ~ N(0, 2/(fan_in + fan_out)), bias 0. */
        XAVIER
    }

    /** The activation after each hidden layer. */
    public enum Act { RELU, LEAKY_RELU, SIGMOID }

    private final int out;
    private int[] hidden = new int[0];
    private float dropout;
    private boolean batchNorm;
    private Init init = Init.TORCH_DEFAULT;
    private Act act = Act.RELU;
    private Act last;

    private FcNet(int out) {
        this.out = out;
    }

    /** A network ending in {@code out} units. */
    public static FcNet builder(int out) {
        return new FcNet(out);
    }

    public FcNet hidden(int... units) {
        this.hidden = units.clone();
        return this;
    }

    /** Dropout probability after each hidden activation (0: none). */
    public FcNet dropout(float p) {
        this.dropout = p;
        return this;
    }

    /** Batch normalisation after each hidden Linear (before the activation). */
    public FcNet batchNorm() {
        this.batchNorm = true;
        return this;
    }

    public FcNet init(Init i) {
        this.init = i;
        return this;
    }

    public FcNet activation(Act a) {
        this.act = a;
        return this;
    }

    /** An activation after the last Linear too (an autoencoder's code or output layer); none by default. */
    public FcNet lastActivation(Act a) {
        this.last = a;
        return this;
    }

    /** Builds and initialises the network for {@code inputDim} inputs in {@code manager}. */
    public Block build(int inputDim, NDManager manager) {
        SequentialBlock block = new SequentialBlock();
        int fanIn = inputDim;
        for (int units : hidden) {
            block.add(linear(fanIn, units));
            if (batchNorm) {
                block.add(BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build());
            }
            block.add(activationBlock(act));
            if (dropout > 0) {
                block.add(new HostDropout(dropout));
            }
            fanIn = units;
        }
        block.add(linear(fanIn, out));
        if (last != null) {
            block.add(activationBlock(last));
        }
        block.initialize(manager, DataType.FLOAT32, new Shape(1, inputDim));
        return block;
    }

    private static Block activationBlock(Act a) {
        return switch (a) {
            case RELU -> Activation.reluBlock();
            case LEAKY_RELU -> Activation.leakyReluBlock(0.01f); // PyTorch's default slope
            case SIGMOID -> Activation.sigmoidBlock();
        };
    }

    private Block linear(int fanIn, int units) {
        if (init == Init.TORCH_DEFAULT) {
            return TorchInit.linear(fanIn, units);
        }
        Linear layer = Linear.builder().setUnits(units).build();
        layer.setInitializer(switch (init) {
            case NORMAL_002 -> new NormalInitializer(0.02f);
            case KAIMING -> new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN,
                    2f);
            default -> new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.AVG, 1f);
        }, Parameter.Type.WEIGHT);
        layer.setInitializer(new ConstantInitializer(0f), Parameter.Type.BIAS);
        return layer;
    }
}
