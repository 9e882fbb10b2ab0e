package org.mla4j.data.raw.image;

/**
 * Bilinear resampling and centre cropping of one image plane (row-major {@code h × w} floats).
 *
 * <p>Resize uses pixel-centre alignment (PyTorch {@code align_corners=False}, OpenCV
 * {@code INTER_LINEAR}), no anti-aliasing: output pixel {@code (y, x)} reads the input at
 * {@code sy = max(0, (y + 0.5)·h_in/h_out − 0.5)} (likewise {@code sx}) and returns
 * <pre>(1−a)(1−b)·I[y0][x0] + (1−a)b·I[y0][x1] + a(1−b)·I[y1][x0] + ab·I[y1][x1]</pre>
 * with {@code y0 = ⌊sy⌋}, {@code y1 = min(y0 + 1, h_in − 1)}, {@code a = sy − y0} (likewise x, b).
 * Equal sizes reproduce the input exactly.
 */
public final class Bilinear {
    private Bilinear() {
    }

    public static float[] resize(float[] in, int h, int w, int outH, int outW) {
        if (in.length != h * w) {
            throw new IllegalArgumentException("plane has " + in.length + " values, not " + h + "×" + w);
        }
        if (outH == h && outW == w) {
            return in.clone();
        }
        int[] y0 = new int[outH];
        int[] y1 = new int[outH];
        double[] fy = new double[outH];
        axis(h, outH, y0, y1, fy);
        int[] x0 = new int[outW];
        int[] x1 = new int[outW];
        double[] fx = new double[outW];
        axis(w, outW, x0, x1, fx);
        float[] out = new float[outH * outW];
        for (int y = 0; y < outH; y++) {
            int r0 = y0[y] * w;
            int r1 = y1[y] * w;
            double a = fy[y];
            for (int x = 0; x < outW; x++) {
                double b = fx[x];
                double top = in[r0 + x0[x]] * (1 - b) + in[r0 + x1[x]] * b;
                double bottom = in[r1 + x0[x]] * (1 - b) + in[r1 + x1[x]] * b;
                out[y * outW + x] = (float) (top * (1 - a) + bottom * a);
            }
        }
        return out;
    }

    private static void axis(int in, int out, int[] i0, int[] i1, double[] frac) {
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            double s = Math.max(0.0, (o + 0.5) * scale - 0.5);
            int f = Math.min((int) Math.floor(s), in - 1);
            i0[o] = f;
            i1[o] = Math.min(f + 1, in - 1);
            frac[o] = Math.min(s - f, 1.0);
        }
    }

    /**
     * The centre {@code outH × outW} region: top {@code = round((h − outH)/2)}, left
     * {@code = round((w − outW)/2)}, rounding halves to even like Python's {@code round} in torchvision's
     * {@code center_crop}; needs {@code outH ≤ h}, {@code outW ≤ w}.
     */
    public static float[] centreCrop(float[] in, int h, int w, int outH, int outW) {
        if (outH > h || outW > w) {
            throw new IllegalArgumentException("cannot crop " + outH + "×" + outW + " from " + h + "×" + w);
        }
        int top = (int) Math.rint((h - outH) / 2.0);
        int left = (int) Math.rint((w - outW) / 2.0);
        float[] out = new float[outH * outW];
        for (int y = 0; y < outH; y++) {
            System.arraycopy(in, (top + y) * w + left, out, y * outW, outW);
        }
        return out;
    }
}
