package org.mla4j.data.raw.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.mla4j.io.InvalidInputException;

/**
 * Decodes an image file (PNG, JPEG, or any other format javax.imageio reads) into a channel-major
 * {@code C × H × W} float vector: index {@code c·H·W + y·W + x}.
 *
 * <p>Steps:
 * <ol>
 *   <li>decode; a decoder warning (e.g. a JPEG that ends early) counts as an error</li>
 *   <li>scale to [0,1]: grayscale images use their raw samples {@code v/(2^bits − 1)} (no colour
 *       management, so an 8-bit gray PNG gives exactly {@code k/255}); colour and palette images
 *       use their sRGB values {@code k/255}; alpha is ignored</li>
 *   <li>convert channels: gray → RGB repeats the plane; RGB → gray is the ITU-R BT.601 luma
 *       {@code 0.299·R + 0.587·G + 0.114·B} (not rounded to 8 bits)</li>
 *   <li>resize and crop as {@link ImageParams} says ({@link Bilinear})</li>
 *   <li>if mean/std are given: {@code (v − mean[c])/std[c]}</li>
 * </ol>
 * Every unreadable file is an {@link InvalidInputException} naming it: missing, empty,
 * not an image, truncated or corrupt.
 */
public final class ImageLoader {
    private static final float[] LUMA = {0.299f, 0.587f, 0.114f};

    private ImageLoader() {
    }

    /** Reads, decodes and converts an image file. */
    public static float[] load(Path file, ImageParams params) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw InvalidInputException.inFile(file, "file not found");
        } catch (IOException e) {
            throw InvalidInputException.inFile(file, "cannot be read (" + e.getMessage() + ")");
        }
        return toFeatures(decode(bytes, file), params);
    }

    /** Decodes image bytes; {@code file} is only used in messages. */
    public static BufferedImage decode(byte[] bytes, Path file) {
        if (bytes.length == 0) {
            throw InvalidInputException.inFile(file, "empty file (0 bytes), expected an image");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw InvalidInputException.inFile(file, "not an image that can be decoded (PNG, JPEG, BMP or GIF expected; "
                        + "the file starts with " + preview(bytes) + ")");
            }
            ImageReader reader = readers.next();
            String format = reader.getFormatName().toUpperCase(java.util.Locale.ROOT);
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try {
                reader.setInput(in, true, true);
                BufferedImage img = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw InvalidInputException.inFile(file, "corrupt or truncated " + format + " image ("
                            + String.join("; ", warnings) + ")");
                }
                if (img.getWidth() < 1 || img.getHeight() < 1) {
                    throw InvalidInputException.inFile(file, format + " image has no pixels");
                }
                return img;
            } catch (IOException | RuntimeException e) {
                if (e instanceof InvalidInputException iie) {
                    throw iie;
                }
                throw InvalidInputException.inFile(file, "corrupt or truncated " + format + " image (" + describe(e) + ")");
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw InvalidInputException.inFile(file, "cannot be read as an image (" + describe(e) + ")");
        }
    }

    /** Converts a decoded image to the vector described by {@code params}. */
    public static float[] toFeatures(BufferedImage img, ImageParams params) {
        int h = img.getHeight();
        int w = img.getWidth();
        float[][] planes = planes(img, params.channels());
        int hw = params.height() * params.width();
        float[] out = new float[params.channels() * hw];
        for (int c = 0; c < planes.length; c++) {
            float[] p = planes[c];
            if (params.resizeShorter() > 0) {
                int rh;
                int rw;
                if (h <= w) {
                    rh = params.resizeShorter();
                    rw = (int) ((long) params.resizeShorter() * w / h);
                } else {
                    rw = params.resizeShorter();
                    rh = (int) ((long) params.resizeShorter() * h / w);
                }
                p = Bilinear.centreCrop(Bilinear.resize(p, h, w, rh, rw), rh, rw, params.height(), params.width());
            } else {
                p = Bilinear.resize(p, h, w, params.height(), params.width());
            }
            double[] mean = params.mean();
            double[] std = params.std();
            for (int i = 0; i < hw; i++) {
                out[c * hw + i] = mean == null ? p[i] : (float) ((p[i] - mean[c]) / std[c]);
            }
        }
        return out;
    }

    /** The image as {@code channels} planes of values in [0,1]. */
    private static float[][] planes(BufferedImage img, int channels) {
        int h = img.getHeight();
        int w = img.getWidth();
        ColorModel cm = img.getColorModel();
        Raster raster = img.getRaster();
        boolean gray = !(cm instanceof IndexColorModel) && cm.getNumColorComponents() == 1;
        if (gray) {
            int bits = cm.getComponentSize(0);
            double max = (1L << bits) - 1;
            float[] g = new float[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    g[y * w + x] = (float) (raster.getSample(x, y, 0) / max);
                }
            }
            return channels == 1 ? new float[][] {g} : new float[][] {g, g.clone(), g.clone()};
        }
        float[][] rgb = new float[3][h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = img.getRGB(x, y);
                rgb[0][y * w + x] = ((argb >> 16) & 0xff) / 255f;
                rgb[1][y * w + x] = ((argb >> 8) & 0xff) / 255f;
                rgb[2][y * w + x] = (argb & 0xff) / 255f;
            }
        }
        if (channels == 3) {
            return rgb;
        }
        float[] g = new float[h * w];
        for (int i = 0; i < g.length; i++) {
            g[i] = LUMA[0] * rgb[0][i] + LUMA[1] * rgb[1][i] + LUMA[2] * rgb[2][i];
        }
        return new float[][] {g};
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append(": ");
            }
            sb.append(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }

    private static String preview(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(8, b.length); i++) {
            sb.append(String.format("%02X", b[i])).append(i + 1 < Math.min(8, b.length) ? " " : "");
        }
        return "bytes " + sb;
    }
}
