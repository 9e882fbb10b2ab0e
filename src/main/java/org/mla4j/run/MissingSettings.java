package org.mla4j.run;

import java.util.List;
import org.mla4j.data.MissingProtocol;
import org.mla4j.settings.ListTypes;
import org.mla4j.settings.Section;
import org.mla4j.settings.Setting;
import org.mla4j.settings.ValueTypes;
import org.mla4j.settings.WordTypes;

/**
 * Simulated missing modalities (spec section {@code missing:}). {@code rates} is a grid dimension:
 * an experiment trains every rate, a single run ({@code mla train --missing-rate}) one of them.
 */
public final class MissingSettings {
    public static final Setting<List<Double>> RATES = Setting.of(Section.MISSING, "rates",
            ListTypes.listOf(ValueTypes.number(v -> v >= 0 && v < 1, "in [0, 1)")), List.of(0.0),
            "Drop each (sample, modality) pair with this probability in train, validation and test, keeping at least "
                    + "one modality per sample.").option("--missing-rate").label("ETA");
    public static final Setting<Long> SEED = Setting.of(Section.MISSING, "seed", ValueTypes.seed(), (Long) null,
            "Seed of the missing-modality mask.").defaultFrom(v -> null, "the run's seed").option("--missing-seed")
            .label("S");
    public static final Setting<String> MODALITY = Setting.of(Section.MISSING, "modality", WordTypes.name(),
            (String) null, "Drop only this modality.").defaultFrom(v -> null, "every modality")
            .option("--missing-modality").label("NAME");
    public static final Setting<Boolean> TRAINING_ONLY = Setting.of(Section.MISSING, "training_only",
            WordTypes.onOff(), false, "Drop only in the training split (fit and validation rows); test stays complete.")
            .option("--missing-training-only").label("on|off");

    public static final Setting<MissingProtocol> PROTOCOL = Setting.of(Section.MISSING, "protocol",
            WordTypes.choice(MissingProtocol.class), MissingProtocol.INDEPENDENT,
            "How the rate becomes a mask: independent (each pair dropped with probability ETA, as the MLA paper "
                    + "says) or global (ETA = share of missing cells, GCNet's protocol; docs/missing-protocols.md).")
            .option("--missing-protocol").label("independent|global");

    public static final List<Setting<?>> ALL = List.of(RATES, SEED, MODALITY, TRAINING_ONLY, PROTOCOL);

    private MissingSettings() {
    }
}
