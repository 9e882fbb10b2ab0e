package org.mla4j.data.raw.pretrained;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tiny encoders made by {@code make_models.py} (test resources of this package) and the same
 * networks computed by hand.
 */
public final class TinyModels {
    public static final String IMAGE_ONNX = "tiny_image.onnx";
    public static final String IMAGE_PT = "tiny_image.pt";
    public static final String IMAGE_BATCH4_ONNX = "tiny_image_batch4.onnx";
    public static final String FLAT_OUTPUT_ONNX = "flat_output.onnx";
    public static final String TEXT_ONNX = "tiny_text.onnx";
    public static final String TEXT_PT = "tiny_text.pt";
    /** A module to fine-tune: reads only the top half of a 1×8×8 image ({@link #topHalf}). */
    public static final String TOP_HALF_PT = "top_half.pt";
    /** A scripted module with batch norm: its running statistics change in training mode. */
    public static final String BATCHNORM_SCRIPTED_PT = "batchnorm_scripted.pt";

    private TinyModels() {
    }

    /** Copies a model resource to {@code target} and returns {@code target}. */
    public static Path copy(String name, Path target) {
        try (InputStream in = TinyModels.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing; run make_models.py");
            }
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.write(target, in.readAllBytes());
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** tiny_image on one 1×8×8 input: W2 tanh(W1 x + b1) + b2, 3 values. */
    public static float[] image(float[] x) {
        double[] h = new double[5];
        for (int i = 0; i < 5; i++) {
            double s = (i - 2) / 10.0;
            for (int j = 0; j < 64; j++) {
                s += ((7 * i + 3 * j) % 11 - 5) / 20.0 * x[j];
            }
            h[i] = Math.tanh(s);
        }
        float[] y = new float[3];
        for (int k = 0; k < 3; k++) {
            double s = k / 10.0;
            for (int i = 0; i < 5; i++) {
                s += ((5 * k + 2 * i) % 7 - 3) / 5.0 * h[i];
            }
            y[k] = (float) s;
        }
        return y;
    }

    /** top_half on one 1×8×8 input at {@code offset} of {@code x}: V2 tanh(V1 x), 2 values (biases 0). */
    public static float[] topHalf(float[] x, int offset) {
        double[] h = new double[4];
        for (int i = 0; i < 4; i++) {
            double s = 0;
            for (int j = 0; j < 32; j++) {
                s += ((3 * i + 5 * j) % 7 - 3) / 10.0 * x[offset + j];
            }
            h[i] = Math.tanh(s);
        }
        float[] y = new float[2];
        for (int k = 0; k < 2; k++) {
            double s = 0;
            for (int i = 0; i < 4; i++) {
                s += ((k + 2 * i) % 5 - 2) / 4.0 * h[i];
            }
            y[k] = (float) s;
        }
        return y;
    }

    /** tiny_text mean-pooled over the tokens of one text: (mean sin(0.01 id), mean cos(0.003 id)). */
    public static float[] text(long[] ids) {
        double a = 0;
        double b = 0;
        for (long id : ids) {
            a += Math.sin(0.01 * id);
            b += Math.cos(0.003 * id);
        }
        return new float[] {(float) (a / ids.length), (float) (b / ids.length)};
    }
}
