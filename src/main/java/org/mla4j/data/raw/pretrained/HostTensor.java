package org.mla4j.data.raw.pretrained;

import java.util.Arrays;

/**
 * A dense tensor in Java memory, row-major (C order): what a {@link FrozenModel} takes and returns.
 * Exactly one of {@code floats} (float32) and {@code longs} (int64) is non-null, and its length is
 * the product of {@code shape}.
 *
 * @param shape  dimensions, outermost first
 * @param floats float32 values, or null
 * @param longs  int64 values, or null
 */
public record HostTensor(long[] shape, float[] floats, long[] longs) {

    public HostTensor {
        if ((floats == null) == (longs == null)) {
            throw new IllegalArgumentException("a tensor holds either float32 or int64 values");
        }
        long n = size(shape);
        int length = floats != null ? floats.length : longs.length;
        if (n != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, not " + length);
        }
        shape = shape.clone();
    }

    public static HostTensor ofFloats(float[] values, long... shape) {
        return new HostTensor(shape, values, null);
    }

    public static HostTensor ofLongs(long[] values, long... shape) {
        return new HostTensor(shape, null, values);
    }

    public boolean isFloat() {
        return floats != null;
    }

    /** {@code "float32"} or {@code "int64"}. */
    public String type() {
        return isFloat() ? "float32" : "int64";
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** e.g. {@code "float32 [32, 1, 28, 28]"}. */
    public String describe() {
        return type() + " " + Arrays.toString(shape);
    }

    static long size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }
}
