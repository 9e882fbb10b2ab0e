package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * TATE's missing-modality tag (spec MISSING-BASELINES §9) in its M + 1-bit form: bit 0 says nothing is
 * missing, bit m + 1 that modality m is; a sample missing several modalities has the OR of their
 * single-modality tags (e.g. M = 3, the second and third missing: 0, 0, 1, 1).
 */
public final class MissingTag {
    private MissingTag() {
    }

    /** Tag size for M modalities. */
    public static int size(int numModalities) {
        return numModalities + 1;
    }

    /** The tags of n samples from per-modality presence flags, row-major n × (M + 1). */
    public static float[] of(boolean[][] present) {
        int numModalities = present.length;
        int n = present[0].length;
        int width = size(numModalities);
        float[] tag = new float[n * width];
        for (int i = 0; i < n; i++) {
            boolean complete = true;
            for (int m = 0; m < numModalities; m++) {
                boolean missing = !present[m][i];
                tag[i * width + m + 1] = missing ? 1f : 0f;
                complete &= !missing;
            }
            tag[i * width] = complete ? 1f : 0f;
        }
        return tag;
    }

    /** {@link #of} on the engine (n × (M + 1)). */
    public static NDArray tensor(boolean[][] present, NDManager manager) {
        return manager.create(of(present), new Shape(present[0].length, size(present.length)));
    }
}
