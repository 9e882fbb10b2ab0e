package org.mla4j.io;

import java.util.Arrays;

/**
 * A numeric array read from a {@code .npy} file: its shape and its values, widened to double for
 * integer/float conversions. Floating data is kept as float32 ({@link #floats()}), integer data as
 * int32 ({@link #ints()}); asking for the other kind converts. float64 data also keeps its exact
 * values ({@link #doubles()}): checkpoints need them bit for bit.
 */
public final class NpyArray {
    private final long[] shape;
    private final String dtype;
    private float[] floats;
    private final int[] ints;
    private final double[] doubles;

    NpyArray(long[] shape, String dtype, float[] floats, int[] ints) {
        this(shape, dtype, floats, ints, null);
    }

    private NpyArray(long[] shape, String dtype, float[] floats, int[] ints, double[] doubles) {
        this.shape = shape;
        this.dtype = dtype;
        this.floats = floats;
        this.ints = ints;
        this.doubles = doubles;
    }

    /** float64 data; the float32 view is made on first use. */
    static NpyArray float64(long[] shape, String dtype, double[] values) {
        return new NpyArray(shape, dtype, null, null, values);
    }

    public static NpyArray ofFloats(float[] values, long... shape) {
        return new NpyArray(shape.clone(), "<f4", values, null);
    }

    public static NpyArray ofInts(int[] values, long... shape) {
        return new NpyArray(shape.clone(), "<i4", null, values);
    }

    public static NpyArray ofDoubles(double[] values, long... shape) {
        return float64(shape.clone(), "<f8", values);
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
        return floats != null || doubles != null;
    }

    public float[] floats() {
        if (floats != null) {
            return floats;
        }
        if (doubles != null) {
            floats = new float[doubles.length];
            for (int i = 0; i < doubles.length; i++) {
                floats[i] = (float) doubles[i];
            }
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

    /** Exact float64 values, or null unless the data was stored as float64. */
    public double[] doubles() {
        return doubles;
    }

    public int length() {
        return doubles != null ? doubles.length : floats != null ? floats.length : ints.length;
    }

    @Override
    public String toString() {
        return "NpyArray" + Arrays.toString(shape) + " " + dtype;
    }
}
