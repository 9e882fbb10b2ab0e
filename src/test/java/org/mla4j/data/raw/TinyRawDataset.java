package org.mla4j.data.raw;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes a small raw dataset for tests: 12 samples, 3 classes (label of row i is {@code i % 3}),
 * every fourth row ({@code i % 4 == 3}) in test; per row a synthesised WAV (a 0.25 s tone at
 * {@code 400·(label+1)} Hz, 8 kHz, 16-bit) and a 10×10 gray PNG (a bright bar whose position depends
 * on the label); an {@code index.csv} ({@code id,label,split,audio,image}) and a raw
 * {@code manifest.json} (image preset mnist resized to 8×8, audio preset av_mnist_fsdd with 8 mel
 * bands and 4 frames over the first 0.25 s).
 */
public final class TinyRawDataset {
    public static final int SAMPLES = 12;

    private TinyRawDataset() {
    }

    public static String manifest() {
        return """
            {
              "format": "raw",
              "name": "tiny",
              "class_names": ["c0", "c1", "c2"],
              "modalities": [
                {"name": "image", "column": "image", "kind": "image", "preset": "mnist",
                 "params": {"height": 8, "width": 8}},
                {"name": "audio", "column": "audio", "kind": "audio", "preset": "av_mnist_fsdd",
                 "params": {"window_samples": 2000, "hop": 256, "frames": 4, "mel_bands": 8}}
              ]
            }
            """;
    }

    /** Writes the dataset into {@code dir} and returns {@code dir}. */
    public static Path write(Path dir) {
        try {
            Files.createDirectories(dir.resolve("audio"));
            Files.createDirectories(dir.resolve("image"));
            StringBuilder csv = new StringBuilder("id,label,split,audio,image\n");
            for (int i = 0; i < SAMPLES; i++) {
                int label = i % 3;
                Files.write(dir.resolve("audio/s" + i + ".wav"), wav(tone(2000, 400.0 * (label + 1), 0.3 + 0.05 * i), 8000));
                Files.write(dir.resolve("image/s" + i + ".png"), png(10, 10, label, i));
                csv.append("s").append(i).append(',').append("c").append(label).append(',')
                        .append(i % 4 == 3 ? "test" : "train").append(",audio/s").append(i).append(".wav,image/s")
                        .append(i).append(".png\n");
            }
            Files.writeString(dir.resolve("index.csv"), csv.toString(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("manifest.json"), manifest(), StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces one record of the index (0 = the header, k = sample k−1, on file line k+1) with {@code text}. */
    public static void editIndexLine(Path dir, int line, String text) {
        try {
            Path csv = dir.resolve("index.csv");
            String[] lines = Files.readString(csv).split("\n");
            lines[line] = text;
            Files.writeString(csv, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float[] tone(int n, double hz, double amplitude) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / 8000.0));
        }
        return x;
    }

    /** A canonical 16-bit mono PCM WAV file. */
    public static byte[] wav(float[] samples, int rate) {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples.length)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put("fmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt(2 * samples.length);
        for (float s : samples) {
            b.putShort((short) Math.round(s * 32767));
        }
        return b.array();
    }

    /** An 8-bit gray PNG with a bright horizontal bar at a label-dependent row. */
    public static byte[] png(int w, int h, int label, int seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = y / 3 == label ? 230 : (x * 7 + y * 3 + seed) % 40;
                img.getRaster().setSample(x, y, 0, v);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
