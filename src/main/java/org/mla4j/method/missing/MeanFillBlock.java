package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * Mean fill of absent rows as a block: the input is {@code [x | a]} ({@code n × (d+1)}: a row's
 * features, zeros where the modality is absent, and its absence flag a ∈ {0, 1}); the output is
 * <pre>
 *   x̃ = x + a·μ          (n × d)
 * </pre>
 * with μ a frozen parameter ({@code mean}, not trained: set from the training rows by the method), so a
 * model file carries it. Built by {@link MeanFills}.
 */
final class MeanFillBlock extends AbstractBlock {
    private final int dim;
    private final Parameter mean;

    MeanFillBlock(int dim) {
        this.dim = dim;
        this.mean = addParameter(Parameter.builder().setName("mean").setType(Parameter.Type.OTHER)
                .optShape(new Shape(dim)).optInitializer(new ConstantInitializer(0f)).optRequiresGrad(false).build());
    }

    Parameter mean() {
        return mean;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray in = inputs.singletonOrThrow();
        NDArray x = in.get(new NDIndex(":, 0:{}", dim));
        NDArray absent = in.get(new NDIndex(":, {}:", dim));
        NDArray mu = store.getValue(mean, in.getDevice(), training);
        return new NDList(x.add(absent.mul(mu)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), dim)};
    }
}
