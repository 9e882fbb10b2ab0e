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
 * @param missingRate        η: probability of dropping each (sample, modality) pair, in train, validation and test
 * @param missingSeed        seed of that mask
 */
public record RunConfig(String data, String method, long seed, int epochs, int batchSize, double lr, double momentum,
                        double weightDecay, int[] lrDecayEpochs, double lrDecayFactor, double validationFraction,
                        long splitSeed, EncoderSpec encoder, MethodOptions options, double missingRate,
                        long missingSeed) {

    public TrainConfig trainConfig() {
        return new TrainConfig(epochs, batchSize, new LearningRateSchedule(lr, lrDecayFactor, lrDecayEpochs),
                (float) momentum, (float) weightDecay, seed);
    }
}
