package org.mla4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A named network part (an encoder, a head) and its parameters, the unit in which methods are
 * updated: MLA updates only the active modality's encoder group and the head group.
 * Parameter names are {@code <group>.<djl name>}, stable across runs, used in model files.
 */
public final class ParameterGroup {
    private final String name;
    private final Block block;
    private final List<Parameter> parameters;
    private final List<String> parameterNames;

    public ParameterGroup(String name, Block block) {
        this.name = name;
        this.block = block;
        List<Parameter> params = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            params.add(p.getValue());
            names.add(name + "." + p.getKey());
        }
        this.parameters = Collections.unmodifiableList(params);
        this.parameterNames = Collections.unmodifiableList(names);
    }

    public String name() {
        return name;
    }

    public Block block() {
        return block;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    /** Qualified names, in the order of {@link #parameters()}. */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /** Runs the block on one input. */
    public NDArray forward(ParameterStore store, NDArray input, boolean training) {
        return block.forward(store, new NDList(input), training).singletonOrThrow();
    }

    /** The block's parameter arrays, e.g. to attach them to a step's manager. */
    public NDArray[] arrays() {
        return parameters.stream().map(Parameter::getArray).toArray(NDArray[]::new);
    }
}
