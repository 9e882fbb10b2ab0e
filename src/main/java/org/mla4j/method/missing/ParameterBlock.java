package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * A block that is one free parameter matrix (rows × columns) and returns the rows its input names
 * (an int64 index vector): per-sample state that must live in a parameter group so that the optimiser,
 * checkpoints and model files hold it (CPM-Net's latents), or, without gradient, values a prediction
 * needs (CPM-Net's class prototypes). Generic.
 */
public final class ParameterBlock extends AbstractBlock {
    private final Parameter parameter;

    public ParameterBlock(String name, long rows, long columns, Initializer init, boolean trainable,
                          NDManager manager) {
        this.parameter = addParameter(Parameter.builder().setName(name).setType(Parameter.Type.OTHER)
                .optShape(new Shape(rows, columns)).optInitializer(init).optRequiresGrad(trainable).build());
        initialize(manager, DataType.FLOAT32, new Shape(rows));
    }

    /** The whole matrix (the parameter's own array: in-place changes change the model). */
    public NDArray array() {
        return parameter.getArray();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray index = inputs.singletonOrThrow();
        return new NDList(store.getValue(parameter, index.getDevice(), training).get(index));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), parameter.getShape().get(1))};
    }
}
