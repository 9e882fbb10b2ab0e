package org.mla4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * Inverted dropout, {@code y = x · m / (1 − p)} with {@code m ~ Bernoulli(1 − p)} per element while
 * training and {@code y = x} otherwise, PyTorch's semantics, with the mask drawn on the JVM. The engine's
 * own sampler draws one 64-bit number per element serially (11.8 % of CRA's training time on
 * handwritten, 4.3 % of MMIN's: BENCHMARKS.md); here each call takes one seed from the engine's
 * generator (so a run's masks follow the seed the training loop gives the engine every epoch, and a
 * resumed run draws the same ones) and a {@link SplittableRandom} makes the mask, 24 random bits per
 * element, into the memory of a fresh engine array.
 */
public final class HostDropout extends AbstractBlock {
    private static final int BITS = 24;

    private final float rate;

    public HostDropout(float rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(apply(inputs.singletonOrThrow(), rate, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    /** Dropout of {@code x} at {@code rate} when {@code training}; {@code x} itself otherwise. */
    public static NDArray apply(NDArray x, float rate, boolean training) {
        if (!training || rate == 0 || x.size() == 0) {
            return x;
        }
        NDManager manager = x.getManager();
        long seed;
        try (NDArray drawn = manager.randomInteger(Long.MIN_VALUE, Long.MAX_VALUE, new Shape(1), DataType.INT64)) {
            seed = drawn.getLong();
        }
        NDArray mask = manager.create(x.getShape(), DataType.FLOAT32);
        ByteBuffer memory = mask.toByteBuffer(true);
        if (memory.isDirect() && memory.capacity() == mask.size() * Float.BYTES) {
            fill(memory.order(ByteOrder.nativeOrder()).asFloatBuffer(), rate, seed);
        } else { // no view of the array's own memory: fill a copy and hand it over
            mask.close();
            FloatBuffer values = FloatBuffer.allocate(Math.toIntExact(x.size()));
            fill(values, rate, seed);
            mask = manager.create(values, x.getShape());
        }
        return x.mul(mask);
    }

    /** Each value 1/(1 − p) with probability 1 − p, else 0, from {@code seed}. */
    static void fill(FloatBuffer out, float rate, long seed) {
        float keep = 1 - rate;
        float scale = 1 / keep;
        long threshold = Math.round((double) keep * (1L << BITS)); // P(u < threshold) = 1 − p, u in [0, 2^24)
        SplittableRandom random = new SplittableRandom(seed);
        int n = out.capacity();
        int i = 0;
        for (; i + 1 < n; i += 2) {
            long bits = random.nextLong();
            out.put(i, (bits >>> (64 - BITS)) < threshold ? scale : 0f);
            out.put(i + 1, (bits & ((1L << BITS) - 1)) < threshold ? scale : 0f);
        }
        if (i < n) {
            out.put(i, (random.nextLong() >>> (64 - BITS)) < threshold ? scale : 0f);
        }
    }
}
