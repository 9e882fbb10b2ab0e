package org.mla4j.nn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.mla4j.data.Modality;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.PretrainedModule;
import org.mla4j.data.raw.pretrained.TinyModels;

/**
 * A task that the frozen {@code top_half.pt} cannot solve and the fine-tuned one can: modality
 * {@code image} is 1×8×8 Gaussian noise whose class (2 classes) is whether its bottom half sums to
 * more than 0, a half the module's first layer does not read; modality {@code noise} is 4
 * uninformative values. The first three quarters of the rows are for training, the rest for testing.
 */
final class FineTuneData {
    static final int PIXELS = 64;

    private FineTuneData() {
    }

    /** Copies top_half.pt (or another tiny model) into {@code dir} and names it as a module. */
    static PretrainedModule module(Path dir, String resource) {
        Path file = TinyModels.copy(resource, dir.resolve(resource)).toAbsolutePath().normalize();
        try {
            return new PretrainedModule(file.toString(), PretrainedModule.sha256(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MultimodalDataset dataset(PretrainedModule module, int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] image = new float[samples * PIXELS];
        float[] noise = new float[samples * 4];
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            double bottom = 0;
            for (int j = 0; j < PIXELS; j++) {
                float v = (float) nextGaussian(random);
                image[i * PIXELS + j] = v;
                bottom += j >= 32 ? v : 0;
            }
            for (int j = 0; j < 4; j++) {
                noise[i * 4 + j] = (float) nextGaussian(random);
            }
            labels[i] = bottom > 0 ? 1 : 0;
        }
        int train = samples * 3 / 4;
        boolean[][] present = {filled(samples), filled(samples)};
        return new MultimodalDataset("fine-tune", Path.of("."), List.of(new Modality("image", PIXELS, List.of(1, 8, 8),
                module), new Modality("noise", 4)), List.of("low", "high"), new float[][] {image, noise}, labels, present,
                IntStream.range(0, train).toArray(), IntStream.range(train, samples).toArray(), "test");
    }

    /** The same samples with the frozen module's output (computed by hand) as the image features. */
    static MultimodalDataset frozen(MultimodalDataset ds) {
        int n = ds.numSamples();
        float[] out = new float[n * 2];
        for (int i = 0; i < n; i++) {
            System.arraycopy(TinyModels.topHalf(ds.features(0), i * PIXELS), 0, out, i * 2, 2);
        }
        boolean[][] present = {ds.present(0), ds.present(1)};
        return new MultimodalDataset(ds.name() + "-frozen", ds.directory(), List.of(new Modality("image", 2), ds.modality(1)),
                ds.classNames(), new float[][] {out, ds.features(1)}, ds.labels(), present, ds.trainIndices(),
                ds.testIndices(), "test");
    }

    private static double nextGaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static boolean[] filled(int n) {
        boolean[] b = new boolean[n];
        Arrays.fill(b, true);
        return b;
    }
}
