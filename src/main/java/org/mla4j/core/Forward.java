package org.mla4j.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.mla4j.nn.ParameterGroup;

/**
 * A forward pass through one parameter group. A method writes its model's forward pass once in
 * terms of this and runs it in two modes: training ({@link TrainingStep}, which records the graph for
 * backward and waits for the group's own update to finish) and inference ({@link #inference}).
 */
@FunctionalInterface
public interface Forward {
    /** {@code group(input)}. */
    NDArray through(ParameterGroup group, NDArray input);

    /** Inference mode (no dropout, batch-norm running statistics), arrays in {@code manager}. */
    static Forward inference(NDManager manager) {
        ParameterStore store = new ParameterStore(manager, false);
        return (group, input) -> group.forward(store, input, false);
    }
}
