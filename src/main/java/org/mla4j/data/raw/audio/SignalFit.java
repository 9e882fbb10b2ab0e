package org.mla4j.data.raw.audio;

/**
 * Fits a signal to a fixed length {@code L} around its centre.
 * <ul>
 *   <li>{@code N > L}: keep {@code x[s … s+L−1]} with {@code s = ⌊(N − L)/2⌋}</li>
 *   <li>{@code N < L}: {@code ⌊(L − N)/2⌋} zeros on the left, the rest (one more when
 *       {@code L − N} is odd) on the right</li>
 *   <li>{@code N = L}: unchanged</li>
 * </ul>
 */
public final class SignalFit {
    private SignalFit() {
    }

    /** The centred crop or symmetric zero-pad of {@code x} to {@code length} samples, as doubles. */
    public static double[] centre(float[] x, int length) {
        double[] out = new double[length];
        int n = x.length;
        if (n >= length) {
            int start = (n - length) / 2;
            for (int i = 0; i < length; i++) {
                out[i] = x[start + i];
            }
        } else {
            int left = (length - n) / 2;
            for (int i = 0; i < n; i++) {
                out[left + i] = x[i];
            }
        }
        return out;
    }
}
