package org.mla4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host copy of every parameter of a model, by qualified name: taken when validation improves,
 * restored at the end of training, and written to model files.
 */
public final class ParameterSnapshot {
    private final Map<String, float[]> values;
    private final Map<String, long[]> shapes;

    private ParameterSnapshot(Map<String, float[]> values, Map<String, long[]> shapes) {
        this.values = values;
        this.shapes = shapes;
    }

    public static ParameterSnapshot of(List<ParameterGroup> groups) {
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (ParameterGroup g : groups) {
            for (int i = 0; i < g.parameters().size(); i++) {
                NDArray array = g.parameters().get(i).getArray();
                values.put(g.parameterNames().get(i), array.toFloatArray());
                shapes.put(g.parameterNames().get(i), array.getShape().getShape());
            }
        }
        return new ParameterSnapshot(values, shapes);
    }

    public static ParameterSnapshot of(Map<String, float[]> values, Map<String, long[]> shapes) {
        return new ParameterSnapshot(new LinkedHashMap<>(values), new LinkedHashMap<>(shapes));
    }

    public Map<String, float[]> values() {
        return values;
    }

    public Map<String, long[]> shapes() {
        return shapes;
    }

    /**
     * Copies the values into the model's parameters in place. Every parameter must be present with
     * the same shape; otherwise an {@link IllegalArgumentException} names the first mismatch.
     */
    public void restoreInto(List<ParameterGroup> groups) {
        for (ParameterGroup g : groups) {
            for (int i = 0; i < g.parameters().size(); i++) {
                String name = g.parameterNames().get(i);
                Parameter p = g.parameters().get(i);
                float[] v = values.get(name);
                long[] expected = p.getArray().getShape().getShape();
                if (v == null) {
                    throw new IllegalArgumentException("parameter " + name + " is missing");
                }
                if (!java.util.Arrays.equals(expected, shapes.get(name))) {
                    throw new IllegalArgumentException("parameter " + name + " has shape "
                            + java.util.Arrays.toString(shapes.get(name)) + " but the model needs "
                            + java.util.Arrays.toString(expected));
                }
                // in-place arithmetic instead of set(): set() goes through a deprecated engine path that
                // prints a warning; the current values are always finite (training stops on NaN)
                NDArray target = p.getArray();
                try (NDArray source = target.getManager().create(v, target.getShape())) {
                    target.muli(0).addi(source);
                }
            }
        }
    }
}
