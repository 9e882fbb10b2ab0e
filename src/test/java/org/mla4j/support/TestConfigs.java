package org.mla4j.support;

import java.util.Arrays;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.run.MissingSpec;
import org.mla4j.run.RunConfig;
import org.mla4j.settings.SettingValues;
import org.mla4j.train.TrainSettings;

/** Run configurations for tests, every training setting spelled out. */
public final class TestConfigs {
    private TestConfigs() {
    }

    /**
     * A run with every training setting given; {@code decayEpochs} are the training loop's epochs
     * (counted from 0, as the tests were calibrated), stored as the setting's epoch numbers (from 1).
     */
    public static RunConfig run(String data, String method, long seed, int epochs, int batchSize, double lr,
                                int[] decayEpochs, double validationFraction, EncoderSpec encoder,
                                SettingValues options, MissingSpec missing) {
        return RunConfig.defaults(data, method, seed)
                .with(TrainSettings.EPOCHS, epochs).with(TrainSettings.BATCH_SIZE, batchSize).with(TrainSettings.LR, lr)
                .with(TrainSettings.LR_DECAY_EPOCHS, Arrays.stream(decayEpochs).map(e -> e + 1).boxed().toList())
                .with(TrainSettings.VAL_FRACTION, validationFraction)
                .withEncoder(encoder).withSettings(options).withMissing(missing);
    }
}
