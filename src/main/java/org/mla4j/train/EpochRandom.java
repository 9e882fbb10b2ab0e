package org.mla4j.train;

import java.util.SplittableRandom;

/**
 * Randomness of one training epoch, derived from the run's seed and the epoch number alone.
 *
 * <p>A random generator's state cannot be saved with {@link SplittableRandom}, and the engine's
 * generator cannot be saved portably either. So no generator lives across epochs: each epoch starts
 * a fresh {@code SplittableRandom(mix(seed, epoch))} for shuffling and method noise, and reseeds the
 * engine with {@link #engineSeed}. A run resumed at epoch e therefore draws exactly what an
 * uninterrupted run draws from epoch e on.
 */
public final class EpochRandom {
    private EpochRandom() {
    }

    /** The host random source of {@code epoch} (0-based). */
    public static SplittableRandom of(long seed, int epoch) {
        return new SplittableRandom(mix(seed, epoch));
    }

    /** The engine seed of {@code epoch} (the engine takes an int). */
    public static int engineSeed(long seed, int epoch) {
        long m = mix(seed ^ 0x5DEECE66DL, epoch);
        return (int) (m ^ (m >>> 32));
    }

    /** A 64-bit hash of (seed, epoch): nearby seeds and epochs give unrelated streams. */
    static long mix(long seed, int epoch) {
        long z = seed * 0x9E3779B97F4A7C15L + (epoch + 1L) * 0xBF58476D1CE4E5B9L;
        // Stafford's "mix13" finaliser, as in SplittableRandom itself
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
