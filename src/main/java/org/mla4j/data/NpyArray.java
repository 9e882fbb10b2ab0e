package org.mla4j.data;

import java.util.Arrays;

/**
 * A numeric array read from a {@code .npy} file: its shape and its values, widened to double for
 * integer/float conversions. Floating data is kept as float32 ({@link #floats()}), integer data as
 * int32 ({@link #ints()}); asking for the other kind converts.
 */
public final class NpyArray {
    private final long[] shape;
    private final String dtype;
    private final float[] floats;
    private final int[] ints;

    NpyArray(long[] shape, String dtype, float[] floats, int[] ints) {
        this.shape = shape;
        this.dtype = dtype;
        this.floats = floats;
        this.ints = ints;
    }

    public static NpyArray ofFloats(float[] values, long... shape) {
        return new NpyArray(shape.clone(), "<f4", values, null);
    }

    public static NpyArray ofInts(int[] values, long... shape) {
        return new NpyArray(shape.clone(), "<i4", null, values);
    }

    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code i}. */
    public long dim(int i) {
        return shape[i];
    }

    /** The numpy dtype string as written in the header, e.g. {@code <f4}. */
    public String dtype() {
        return dtype;
    }

    public boolean isFloating() {
        return floats != null;
    }

    public float[] floats() {
        if (floats != null) {
            return floats;
        }
        float[] out = new float[ints.length];
        for (int i = 0; i < ints.length; i++) {
            out[i] = ints[i];
        }
        return out;
    }

    public int[] ints() {
        if (ints != null) {
            return ints;
        }
        throw new IllegalStateException("array holds floating-point values (" + dtype + "), not integers");
    }

    public int length() {
        return floats != null ? floats.length : ints.length;
    }

    @Override
    public String toString() {
        return "NpyArray" + Arrays.toString(shape) + " " + dtype;
    }
}
