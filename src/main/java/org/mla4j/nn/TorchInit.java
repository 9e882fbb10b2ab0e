package org.mla4j.nn;

import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.UniformInitializer;

/**
 * PyTorch's default initialisation for fully connected layers: weight and bias drawn from
 * U(−1/√fan_in, 1/√fan_in). Used so that runs are comparable with PyTorch implementations.
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
}
