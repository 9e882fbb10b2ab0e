package org.mla4j.run;

import org.mla4j.method.MethodOptions;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.train.LearningRateSchedule;
import org.mla4j.train.TrainConfig;

/**
 * Every setting of one training run, resolved (no "default" left), as written to config.json.
 *
 * @param data               dataset folder
 * @param validationFraction share of each class's training rows carved out for validation
 * @param splitSeed          seed of that carve (fixed across training seeds, so all seeds share it)
 * @param missing            simulated missing modalities ({@link MissingSpec#NONE} for complete data)
 */
public record RunConfig(String data, String method, long seed, int epochs, int batchSize, double lr, double momentum,
                        double weightDecay, int[] lrDecayEpochs, double lrDecayFactor, double validationFraction,
                        long splitSeed, EncoderSpec encoder, MethodOptions options, MissingSpec missing) {

    public RunConfig {
        missing = missing == null ? MissingSpec.NONE : missing;
    }

    /**
     * The settings {@code mla train} uses when given only a dataset, a method and a seed: 60 epochs,
     * batch 64, SGD with lr 0.01, momentum 0.9 and weight decay 1e-4, lr ×0.1 from epoch 42, 10 %
     * validation (split seed 0), default encoders and method options (with the method's default
     * fusion), complete data.
     */
    public static RunConfig defaults(String data, String method, long seed) {
        return new RunConfig(data, method, seed, 60, 64, 0.01, 0.9, 1e-4, LearningRateSchedule.defaultDecayEpochs(60),
                0.1, 0.1, 0, EncoderSpec.DEFAULT, MethodOptions.DEFAULT.withFusion(
                        org.mla4j.method.Methods.defaultFusion(method)), MissingSpec.NONE);
    }

    /** The same settings trained for {@code n} epochs, with the learning-rate decay at the default point for n (70 %). */
    public RunConfig withEpochs(int n) {
        return new RunConfig(data, method, seed, n, batchSize, lr, momentum, weightDecay,
                LearningRateSchedule.defaultDecayEpochs(n), lrDecayFactor, validationFraction, splitSeed, encoder,
                options, missing);
    }

    /** The same settings with another missing-modality mask. */
    public RunConfig withMissing(MissingSpec spec) {
        return new RunConfig(data, method, seed, epochs, batchSize, lr, momentum, weightDecay, lrDecayEpochs,
                lrDecayFactor, validationFraction, splitSeed, encoder, options, spec);
    }

    public TrainConfig trainConfig() {
        return new TrainConfig(epochs, batchSize, new LearningRateSchedule(lr, lrDecayFactor, lrDecayEpochs),
                (float) momentum, (float) weightDecay, seed);
    }
}
