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
