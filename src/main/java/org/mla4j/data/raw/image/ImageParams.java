package org.mla4j.data.raw.image;

import java.util.Arrays;

/**
 * How an image file becomes a {@code C × H × W} float vector; see {@link ImageLoader}.
 *
 * @param channels      1 (grayscale) or 3 (RGB)
 * @param height        output height H
 * @param width         output width W
 * @param resizeShorter if &gt; 0: bilinear resize so the shorter side is this long (the other side
 *                      {@code ⌊resizeShorter·long/short⌋}), then centre-crop to H × W; if 0:
 *                      bilinear resize straight to H × W (nothing is done when the size already matches)
 * @param mean          per-channel means subtracted after scaling to [0,1], or {@code null} for none
 * @param std           per-channel standard deviations divided by, or {@code null} (then mean is null too)
 */
public record ImageParams(int channels, int height, int width, int resizeShorter, double[] mean, double[] std) {

    public ImageParams {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("image channels must be 1 or 3, got " + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "×" + width);
        }
        if (resizeShorter < 0 || (resizeShorter > 0 && resizeShorter < Math.max(height, width))) {
            throw new IllegalArgumentException("resizeShorter must be 0 or at least the crop size "
                    + Math.max(height, width) + ", got " + resizeShorter);
        }
        if ((mean == null) != (std == null)) {
            throw new IllegalArgumentException("give both mean and std, or neither");
        }
        if (mean != null) {
            if (mean.length != channels || std.length != channels) {
                throw new IllegalArgumentException("mean and std need one value per channel (" + channels + ")");
            }
            for (double s : std) {
                if (!(s > 0) || !Double.isFinite(s)) {
                    throw new IllegalArgumentException("std values must be positive and finite, got " + Arrays.toString(std));
                }
            }
            mean = mean.clone();
            std = std.clone();
        }
    }

    /** Feature length {@code C·H·W}. */
    public int featureDim() {
        return channels * height * width;
    }

    /** 28×28 grayscale in [0,1], no normalisation: reproduces {@code image_mnist_784.npy}. */
    public static ImageParams mnist() {
        return new ImageParams(1, 28, 28, 0, null, null);
    }

    /**
     * The usual ImageNet input: shorter side to {@code ⌊size·256/224⌋}, centre crop {@code size × size},
     * RGB normalised with mean (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225).
     */
    public static ImageParams imagenet(int size) {
        return new ImageParams(3, size, size, size * 256 / 224, new double[] {0.485, 0.456, 0.406},
                new double[] {0.229, 0.224, 0.225});
    }

    @Override
    public double[] mean() {
        return mean == null ? null : mean.clone();
    }

    @Override
    public double[] std() {
        return std == null ? null : std.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageParams p && p.channels == channels && p.height == height && p.width == width
                && p.resizeShorter == resizeShorter && Arrays.equals(p.mean, mean) && Arrays.equals(p.std, std);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {channels, height, width, resizeShorter})
                + 31 * Arrays.hashCode(mean) + 961 * Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "ImageParams[channels=" + channels + ", height=" + height + ", width=" + width + ", resizeShorter="
                + resizeShorter + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
