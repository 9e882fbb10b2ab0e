package org.mla4j.data.raw.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mla4j.data.raw.RawIndex;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Npy;

class ImageLoaderTest {
    @TempDir
    Path dir;

    private Path write(BufferedImage img, String format, String name) throws IOException {
        Path f = dir.resolve(name);
        assertThat(ImageIO.write(img, format, f.toFile())).isTrue();
        return f;
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    private static BufferedImage rgb(int w, int h, int... pixels) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < pixels.length; i++) {
            img.setRGB(i % w, i / w, pixels[i]);
        }
        return img;
    }

    private void assertRejected(byte[] bytes, String... fragments) throws IOException {
        Path f = dir.resolve("bad.img");
        Files.write(f, bytes);
        assertThatThrownBy(() -> ImageLoader.load(f, ImageParams.mnist()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(f + ": ")
                .hasMessageContainingAll(fragments);
    }

    @Test
    void mnistPngsReproduceTheReferenceExactly() {
        Path csv = Path.of("../shared/data/av_mnist_fsdd_raw/index.csv");
        assertThat(csv).as("shared data set beside the project").exists();
        RawIndex index = RawIndex.read(csv);
        float[] ref = Npy.read(Path.of("../shared/data/av_mnist_fsdd/image_mnist_784.npy")).floats();
        for (int i = 0; i < 100; i++) {
            int row = i * 30 + (i * 7) % 30;
            float[] f = ImageLoader.load(index.row(row).image(), ImageParams.mnist());
            assertThat(f).as("row %d", row).containsExactly(Arrays.copyOfRange(ref, row * 784, row * 784 + 784));
        }
    }

    @Test
    void grayIsScaledByItsBitDepthAndCanBeRepeatedToRgb() throws IOException {
        BufferedImage g8 = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        g8.getRaster().setSample(0, 0, 0, 51);
        g8.getRaster().setSample(1, 0, 0, 255);
        Path f = write(g8, "png", "g8.png");
        assertThat(ImageLoader.load(f, new ImageParams(1, 1, 2, 0, null, null))).containsExactly(51 / 255f, 1f);
        assertThat(ImageLoader.load(f, new ImageParams(3, 1, 2, 0, null, null)))
                .containsExactly(51 / 255f, 1f, 51 / 255f, 1f, 51 / 255f, 1f);
        BufferedImage g16 = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        g16.getRaster().setSample(0, 0, 0, 65535);
        g16.getRaster().setSample(1, 0, 0, 13107); // 65535/5
        assertThat(ImageLoader.load(write(g16, "png", "g16.png"), new ImageParams(1, 1, 2, 0, null, null)))
                .containsExactly(1f, 0.2f);
    }

    @Test
    void rgbIsChannelMajorAndConvertsToBt601Luma() throws IOException {
        // 2×2: red, green / blue, (10, 20, 30)
        Path f = write(rgb(2, 2, 0xFF0000, 0x00FF00, 0x0000FF, 0x0A141E), "png", "c.png");
        float[] c = ImageLoader.load(f, new ImageParams(3, 2, 2, 0, null, null));
        assertThat(c).containsExactly(
                1, 0, 0, 10 / 255f,     // R plane
                0, 1, 0, 20 / 255f,     // G plane
                0, 0, 1, 30 / 255f);    // B plane
        float[] g = ImageLoader.load(f, new ImageParams(1, 2, 2, 0, null, null));
        assertThat((double) g[0]).isCloseTo(0.299, within(1e-6));
        assertThat((double) g[1]).isCloseTo(0.587, within(1e-6));
        assertThat((double) g[2]).isCloseTo(0.114, within(1e-6));
        assertThat((double) g[3]).isCloseTo((0.299 * 10 + 0.587 * 20 + 0.114 * 30) / 255, within(1e-6));
    }

    @Test
    void bilinearResizeByHand() {
        // [0 1; 2 3] → 4×4: sample points −0.25→0 (clamped), 0.25, 0.75, 1.25→1 on each axis
        float[] up = Bilinear.resize(new float[] {0, 1, 2, 3}, 2, 2, 4, 4);
        assertThat(up).containsExactly(
                0f, 0.25f, 0.75f, 1f,
                0.5f, 0.75f, 1.25f, 1.5f,
                1.5f, 1.75f, 2.25f, 2.5f,
                2f, 2.25f, 2.75f, 3f);
        // 4×4 → 2×2 samples at 0.5 and 2.5: means of 2×2 blocks for a linear ramp
        float[] ramp = new float[16];
        for (int i = 0; i < 16; i++) {
            ramp[i] = i;
        }
        assertThat(Bilinear.resize(ramp, 4, 4, 2, 2)).containsExactly(2.5f, 4.5f, 10.5f, 12.5f);
        assertThat(Bilinear.resize(ramp, 4, 4, 4, 4)).containsExactly(ramp);
    }

    @Test
    void centreCropRoundsHalvesToEven() {
        float[] x = new float[25];
        for (int i = 0; i < 25; i++) {
            x[i] = i;
        }
        assertThat(Bilinear.centreCrop(x, 5, 5, 3, 3)).containsExactly(6, 7, 8, 11, 12, 13, 16, 17, 18);
        // 5×5 → 4×4: offset round(0.5) = 0
        assertThat(Bilinear.centreCrop(x, 5, 5, 4, 4)[0]).isEqualTo(0f);
        // 5×5 → 2×2: offset round(1.5) = 2
        assertThat(Bilinear.centreCrop(x, 5, 5, 2, 2)).containsExactly(12, 13, 17, 18);
    }

    @Test
    void resizeShorterSideCropAndNormalise() throws IOException {
        int[] px = new int[60 * 40];
        Arrays.fill(px, 0x808080);
        Path f = write(rgb(60, 40, px), "png", "wide.png");
        ImageParams p = new ImageParams(3, 28, 28, 32, new double[] {0.5, 0.25, 0}, new double[] {0.5, 0.25, 2});
        float[] v = ImageLoader.load(f, p);
        assertThat(v).hasSize(3 * 28 * 28);
        double g = 128 / 255.0;
        assertThat((double) v[0]).isCloseTo((g - 0.5) / 0.5, within(1e-6));
        assertThat((double) v[784]).isCloseTo((g - 0.25) / 0.25, within(1e-6));
        assertThat((double) v[2 * 784 + 100]).isCloseTo(g / 2, within(1e-6));
        assertThat(ImageParams.imagenet(224).resizeShorter()).isEqualTo(256);
    }

    @Test
    void jpegDecodes() throws IOException {
        BufferedImage g = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                g.getRaster().setSample(x, y, 0, 100);
            }
        }
        float[] v = ImageLoader.load(write(g, "jpg", "g.jpg"), new ImageParams(1, 8, 8, 0, null, null));
        for (float x : v) {
            assertThat((double) x).isCloseTo(100 / 255.0, within(2 / 255.0));
        }
    }

    @Test
    void brokenFilesAreNamed() throws IOException {
        assertRejected(new byte[0], "empty file");
        assertRejected("id,label\n1,2\n".getBytes(StandardCharsets.US_ASCII), "not an image that can be decoded",
                "69 64 2C 6C");
        byte[] png = encode(rgb(32, 32, new int[32 * 32]), "png");
        assertRejected(Arrays.copyOf(png, png.length / 2), "corrupt or truncated PNG image");
        assertRejected(Arrays.copyOf(png, 20), "corrupt or truncated PNG image");
        byte[] garbled = png.clone();
        int idat = indexOf(garbled, "IDAT".getBytes(StandardCharsets.US_ASCII));
        for (int i = idat + 4; i < idat + 14; i++) {
            garbled[i] = (byte) 0xA5;
        }
        assertRejected(garbled, "corrupt or truncated PNG image");
        int[] noise = new int[64 * 64];
        java.util.Random rnd = new java.util.Random(1);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = rnd.nextInt(0x1000000);
        }
        byte[] jpg = encode(rgb(64, 64, noise), "jpg");
        assertRejected(Arrays.copyOf(jpg, jpg.length / 2), "corrupt or truncated JPEG image");
        Path missing = dir.resolve("none.png");
        assertThatThrownBy(() -> ImageLoader.load(missing, ImageParams.mnist()))
                .isInstanceOf(InvalidInputException.class).hasMessage(missing + ": file not found");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void invalidParameters() {
        assertThatThrownBy(() -> new ImageParams(2, 28, 28, 0, null, null)).hasMessageContaining("1 or 3");
        assertThatThrownBy(() -> new ImageParams(1, 28, 28, 20, null, null)).hasMessageContaining("resizeShorter");
        assertThatThrownBy(() -> new ImageParams(3, 28, 28, 0, new double[] {0}, new double[] {1}))
                .hasMessageContaining("one value per channel");
    }
}
