package org.mla4j.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.training.initializer.XavierInitializer;

/**
 * Layers initialised the way PyTorch reference implementations initialise them, so that runs are
 * comparable: fully connected layers with PyTorch's default U(−1/√fan_in, 1/√fan_in) for weight and
 * bias; convolutions without bias, with torchvision ResNet's Kaiming normal weights
 * N(0, 2/fan_out), fan_out = out_channels·k_h·k_w; batch norm with γ = 1, β = 0, running mean 0,
 * running variance 1, ε = 1e-5 and PyTorch momentum 0.1 (DJL's 0.9 counts the other way round).
 * {@link #xavierLinear} is the other initialisation the reference code bases use: OGM-GE's and MLA's
 * {@code weight_init} (Xavier-normal weights, zero biases).
 */
final class TorchInit {
    private TorchInit() {
    }

    static Linear linear(int fanIn, int units) {
        Linear layer = Linear.builder().setUnits(units).build();
        float bound = (float) (1.0 / Math.sqrt(fanIn));
        layer.setInitializer(new UniformInitializer(bound), Parameter.Type.WEIGHT);
        layer.setInitializer(new UniformInitializer(bound), Parameter.Type.BIAS);
        return layer;
    }

    /**
     * A fully connected layer as OGM-GE's and MLA's code initialise theirs ({@code nn.init.xavier_normal_},
     * bias 0): weight ~ N(0, 2/(fan_in + fan_out)), bias = 0.
     */
    static Linear xavierLinear(int units) {
        Linear layer = Linear.builder().setUnits(units).build();
        layer.setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                XavierInitializer.FactorType.AVG, 1f), Parameter.Type.WEIGHT);
        layer.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        return layer;
    }

    /** A k×k convolution without bias, padding (k−1)/2 unless given. */
    static Conv2d conv(int filters, int kernel, int stride, int padding) {
        Conv2d conv = Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding)).optBias(false).build();
        conv.setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                XavierInitializer.FactorType.OUT, 2f), Parameter.Type.WEIGHT);
        return conv;
    }

    /** Batch normalisation over the channel axis of (N, C, H, W). */
    static BatchNorm batchNorm() {
        return BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
    }
}
