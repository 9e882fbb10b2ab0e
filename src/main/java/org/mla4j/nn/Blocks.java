package org.mla4j.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import org.mla4j.data.Modality;

/** Builds and initialises the networks the methods are made of. */
public final class Blocks {
    /**
     * Whether convolutional encoders run channels-last ({@link #toGrid}); on unless
     * {@code -Dmla4j.channels_last=false} (NCHW, for comparisons).
     */
    static final boolean CHANNELS_LAST = !"false".equalsIgnoreCase(System.getProperty("mla4j.channels_last", "true").trim());

    private Blocks() {
    }

    /**
     * The encoder of {@code modality}, initialised in {@code manager}: the type the resolved encoder
     * spec names for it ({@link EncoderSpec#resolve}). Every method builds its encoders here. The
     * encoder takes flat rows (n × dim) and returns (n × {@code e.featureSize(type)}); convolutional
     * encoders first reshape the rows to (n, C, H, W) with the modality's shape.
     */
    public static Block encoder(EncoderSpec e, Modality modality, NDManager manager) {
        String type = e.typeFor(modality);
        if (type.equals("mlp")) {
            return mlp(e.layers(), e.width(), modality.dim(), manager);
        }
        if (type.equals("pretrained")) {
            return TrainableModule.load(modality, e.width(), manager);
        }
        int[] s = modality.shapeArray();
        Block body = switch (type) {
            case "cnn" -> SmallCnn.build(e.layers(), e.width(), s[1], s[2]);
            case "resnet18" -> ResNet18.build(ResNet18.Stem.IMAGENET);
            case "resnet18-small" -> ResNet18.build(ResNet18.Stem.SMALL);
            default -> throw new IllegalArgumentException("unknown encoder type " + type);
        };
        SequentialBlock block = new SequentialBlock().add(toGrid(s[0], s[1], s[2])).add(body);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, modality.dim()));
        return block;
    }

    private static Block mlp(int layers, int width, int inputDim, NDManager manager) {
        SequentialBlock block = new SequentialBlock();
        int fanIn = inputDim;
        for (int i = 0; i < layers; i++) {
            block.add(TorchInit.linear(fanIn, width));
            block.add(Activation.reluBlock());
            fanIn = width;
        }
        block.initialize(manager, DataType.FLOAT32, new Shape(1, inputDim));
        return block;
    }

    /**
     * Reshapes flat rows (n × C·H·W, row-major) to (n, C, H, W) stored channels-last (NHWC in
     * memory). libtorch keeps that layout through convolution, batch norm, ReLU and pooling, and its
     * channels-last kernels are the fast ones on a CPU: max pooling vectorised over channels
     * instead of a scalar loop, oneDNN convolutions without a reorder to and from its blocked
     * format at every call (on the small CNN 1.4× mla4j's NCHW speed; PyTorch gains 1.5×). DJL has no
     * memory-format call, so the layout is made from views: with C = 1 the NHWC rows are the input
     * itself; otherwise a reshape that no view can express copies them once. Values are those of
     * the plain reshape; the convolutions' sums run in another order, so the bits differ from NCHW.
     */
    static Block toGrid(int c, int h, int w) {
        return toGrid(c, h, w, CHANNELS_LAST);
    }

    static Block toGrid(int c, int h, int w, boolean channelsLast) {
        if (!channelsLast) {
            return LambdaBlock.singleton(x -> x.reshape(new Shape(-1, c, h, w)), "to_grid");
        }
        if (c == 1) {
            return LambdaBlock.singleton(x -> x.reshape(new Shape(-1, h, w, 1)).transpose(0, 3, 1, 2), "to_grid");
        }
        return LambdaBlock.singleton(x -> x.reshape(new Shape(-1, c, h, w)).transpose(0, 2, 3, 1)
                .reshape(new Shape(-1, h, (long) w * c)).reshape(new Shape(-1, h, w, c)).transpose(0, 3, 1, 2),
                "to_grid");
    }

    /** A fully connected layer {@code in → out} (no activation), initialised in {@code manager}. */
    public static Block linear(int in, int out, NDManager manager) {
        Block block = TorchInit.linear(in, out);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, in));
        return block;
    }

    /**
     * A fully connected layer {@code in → out} initialised as OGM-GE's and MLA's code bases do: Xavier-normal
     * weights N(0, 2/(in + out)), zero bias.
     */
    public static Block xavierLinear(int in, int out, NDManager manager) {
        Block block = TorchInit.xavierLinear(out);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, in));
        return block;
    }
}
