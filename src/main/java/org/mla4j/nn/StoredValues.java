package org.mla4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A block that holds a vector of values that are part of the model but not trained by gradient
 * (e.g. MLA's fusion scales fitted on validation): one parameter without gradient, so the optimiser
 * skips it while model files, checkpoints and best-epoch snapshots carry it like any other.
 * Its forward pass returns the vector.
 */
public final class StoredValues extends AbstractBlock {
    private final Parameter values;

    public StoredValues(String name, float[] initial, NDManager manager) {
        this.values = addParameter(Parameter.builder().setName(name).setType(Parameter.Type.OTHER)
                .optArray(manager.create(initial)).optRequiresGrad(false).build());
    }

    /** The current values (read from the parameter, so restored snapshots are seen). */
    public float[] get() {
        return values.getArray().toFloatArray();
    }

    /** Replaces the values in place (the array keeps its identity: snapshots and managers still hold it). */
    public void set(float[] v) {
        NDArray target = values.getArray();
        if (v.length != target.size()) {
            throw new IllegalArgumentException("expected " + target.size() + " values, got " + v.length);
        }
        try (NDArray source = target.getManager().create(v)) {
            target.subi(target).addi(source); // no Number operand: see engine.Scalars
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(values.getArray());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {values.getArray().getShape()};
    }
}
