package org.mla4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * ResNet-18 (He et al. 2016) as torchvision builds it, without the classifier: input (N, C, H, W),
 * output (N, 512). Built here from DJL blocks because DJL's model-zoo ResNetV1 with 18 layers uses
 * bottleneck blocks.
 *
 * <p>Stem, either {@link Stem#IMAGENET}: 7×7 convolution, 64 channels, stride 2, padding 3 → batch
 * norm → ReLU → 3×3 max pool, stride 2, padding 1; or {@link Stem#SMALL} (for 28–64 px inputs, as
 * CIFAR ResNets do): 3×3 convolution, 64 channels, stride 1, padding 1 → batch norm → ReLU, no pool.
 * Then four stages of two BasicBlocks with 64, 128, 256, 512 channels; the first block of stages
 * 2–4 has stride 2 and a 1×1 stride-2 convolution + batch norm on its shortcut. A BasicBlock is
 * {@code relu(bn(conv3×3(relu(bn(conv3×3(x))))) + shortcut(x))}. Global average pooling to 512.
 * Convolutions have no bias. Parameters with gradients: 11,176,512 for a 3-channel input (torchvision's
 * 11,689,512 minus its 1000-class classifier), 11,170,240 for 1 channel; batch norm running means and
 * variances (9,600 values) are kept as parameters without gradients.
 */
public final class ResNet18 {
    /** Which input stem. */
    public enum Stem { IMAGENET, SMALL }

    private static final int[] CHANNELS = {64, 128, 256, 512};

    private ResNet18() {
    }

    /** The encoder (before initialisation). */
    public static Block build(Stem stem) {
        SequentialBlock net = new SequentialBlock();
        if (stem == Stem.IMAGENET) {
            net.add(TorchInit.conv(64, 7, 2, 3));
        } else {
            net.add(TorchInit.conv(64, 3, 1, 1));
        }
        net.add(TorchInit.batchNorm());
        net.add(Activation.reluBlock());
        if (stem == Stem.IMAGENET) {
            net.add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        }
        int in = 64;
        for (int s = 0; s < CHANNELS.length; s++) {
            int out = CHANNELS[s];
            int stride = s == 0 ? 1 : 2;
            net.add(basicBlock(out, stride, stride != 1 || in != out));
            net.add(basicBlock(out, 1, false));
            in = out;
        }
        net.add(Pool.globalAvgPool2dBlock());
        return net;
    }

    /** {@code relu(main(x) + shortcut(x))}. */
    static Block basicBlock(int channels, int stride, boolean projectShortcut) {
        SequentialBlock main = new SequentialBlock()
                .add(TorchInit.conv(channels, 3, stride, 1))
                .add(TorchInit.batchNorm())
                .add(Activation.reluBlock())
                .add(TorchInit.conv(channels, 3, 1, 1))
                .add(TorchInit.batchNorm());
        Block shortcut = projectShortcut
                ? new SequentialBlock().add(TorchInit.conv(channels, 1, stride, 0)).add(TorchInit.batchNorm())
                : ai.djl.nn.Blocks.identityBlock();
        return new ParallelBlock(ResNet18::addRelu, List.of(main, shortcut));
    }

    private static NDList addRelu(List<NDList> branches) {
        NDArray sum = branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow());
        return new NDList(Activation.relu(sum));
    }
}
