package org.mla4j.data.raw.pretrained;

import java.util.ArrayList;
import java.util.List;

/**
 * An input or output of a model as its file declares it.
 *
 * @param name  the name in the model
 * @param type  element type in lower case ({@code float32}, {@code int64}, …)
 * @param shape dimensions; -1 where the file leaves a dimension open (a symbolic size such as the batch)
 */
public record TensorSpec(String name, String type, long[] shape) {

    public TensorSpec {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Whether {@code actual} has this rank and agrees with every fixed dimension. */
    public boolean accepts(long[] actual) {
        if (actual.length != shape.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] >= 0 && shape[i] != actual[i]) {
                return false;
            }
        }
        return true;
    }

    /** The shape with open dimensions written as names, e.g. {@code [batch, 3, 224, 224]}. */
    public String shapeText() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < shape.length; i++) {
            parts.add(shape[i] < 0 ? (i == 0 ? "batch" : "?") : Long.toString(shape[i]));
        }
        return "[" + String.join(", ", parts) + "]";
    }

    /** e.g. {@code input 'x' (float32 [batch, 3, 224, 224])}. */
    public String describe() {
        return "'" + name + "' (" + type + " " + shapeText() + ")";
    }
}
