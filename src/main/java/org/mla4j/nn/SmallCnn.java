package org.mla4j.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;

/**
 * A small convolutional encoder for 28–64 px images and spectrograms, quick to train on a CPU.
 * Input (N, C, H, W); output (N, width).
 *
 * <p>{@code stages} times: 3×3 convolution (stride 1, padding 1, no bias) → batch norm → ReLU →
 * 2×2 max pool with stride 2 (along an axis only while it is at least 2 long, so small inputs never
 * shrink to nothing). Stage i of S has {@code max(8, width / 2^(S−1−i))} channels, so the last has
 * {@code width}; e.g. 32, 64, 128 for three stages and width 128. Then global average pooling.
 * Initialisation as in {@link TorchInit}.
 */
public final class SmallCnn {
    private SmallCnn() {
    }

    /** Channels of each stage, for {@code stages} stages ending in {@code width} channels. */
    public static int[] channels(int stages, int width) {
        int[] c = new int[stages];
        for (int i = 0; i < stages; i++) {
            c[i] = Math.max(Math.min(8, width), width >> Math.min(stages - 1 - i, 30));
        }
        return c;
    }

    /** The encoder body for inputs of spatial size {@code height × width} (before initialisation). */
    public static Block build(int stages, int features, int height, int width) {
        SequentialBlock block = new SequentialBlock();
        int h = height;
        int w = width;
        for (int c : channels(stages, features)) {
            block.add(TorchInit.conv(c, 3, 1, 1));
            block.add(TorchInit.batchNorm());
            block.add(Activation.reluBlock());
            int ph = h >= 2 ? 2 : 1;
            int pw = w >= 2 ? 2 : 1;
            if (ph > 1 || pw > 1) {
                block.add(Pool.maxPool2dBlock(new Shape(ph, pw), new Shape(ph, pw)));
                h /= ph;
                w /= pw;
            }
        }
        block.add(Pool.globalAvgPool2dBlock());
        return block;
    }
}
