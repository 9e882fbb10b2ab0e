package org.mla4j.cli;

import java.util.List;
import org.mla4j.experiment.MissingPlan;
import org.mla4j.io.InvalidInputException;
import org.mla4j.run.MissingSettings;
import org.mla4j.settings.SettingValues;

/** Command-line setting values turned into what a single run or a one-rate grid needs. */
final class RunSettings {
    private RunSettings() {
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidInputException(message);
        }
    }

    /** The missing-modality options of a command that trains one rate. */
    static MissingPlan missing(SettingValues v) {
        List<Double> rates = v.get(MissingSettings.RATES);
        require(rates.size() == 1, "--missing-rate takes one rate here, got " + rates.size()
                + " (mla missing, or a spec's missing.rates, trains several)");
        return new MissingPlan(rates, v.get(MissingSettings.SEED), v.get(MissingSettings.MODALITY),
                v.get(MissingSettings.TRAINING_ONLY), v.get(MissingSettings.PROTOCOL));
    }

    /** The training, encoder and method values among {@code v} (what a RunConfig holds). */
    static SettingValues shared(SettingValues v) {
        return v.only(SettingOptions.training());
    }
}
