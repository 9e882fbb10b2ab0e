package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import org.mla4j.engine.Scalars;

/** Writes values computed on the host (closed-form fits) into a model's frozen parameters, in place. */
final class FrozenValues {
    private FrozenValues() {
    }

    /** Sets {@code parameter} to {@code values} (row-major, its shape). */
    static void set(Parameter parameter, float[] values) {
        NDArray target = parameter.getArray();
        if (values.length != target.size()) {
            throw new IllegalArgumentException("parameter " + parameter.getName() + " has " + target.size()
                    + " values, got " + values.length);
        }
        NDManager manager = target.getManager();
        // in-place arithmetic rather than set(), which goes through a deprecated engine path that warns
        try (NDArray source = manager.create(values, target.getShape()); NDArray zero = Scalars.of(manager, 0f)) {
            target.muli(zero).addi(source);
        }
    }

    static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
