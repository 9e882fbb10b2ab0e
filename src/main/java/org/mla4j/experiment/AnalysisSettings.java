package org.mla4j.experiment;

import java.util.List;
import org.mla4j.settings.ListTypes;
import org.mla4j.settings.Section;
import org.mla4j.settings.Setting;
import org.mla4j.settings.ValueTypes;
import org.mla4j.settings.WordTypes;

/**
 * The settings of an experiment's analyses (spec section {@code analysis:}, one subsection per
 * analysis), each defined once for specs and for {@code mla robustness}'s options. See
 * {@link AnalysisPlan} for what each analysis computes.
 */
public final class AnalysisSettings {
    /** The word that stands for every modality of the dataset. */
    public static final String ALL = "all";

    public static final Setting<List<Double>> NOISE = Setting.of(Section.ROBUSTNESS, "noise",
            ListTypes.listOf(ValueTypes.nonNegative()), List.of(0.0, 0.5, 1.0, 2.0, 4.0, 8.0),
            "Standard deviations of the Gaussian noise added to the corrupted modality's test features, in units of "
                    + "its standardised scale (0 = the clean test split).").label("SD[,SD...]");
    public static final Setting<List<Double>> BLANK = Setting.of(Section.ROBUSTNESS, "blank",
            ListTypes.listOf(ValueTypes.number(v -> v > 0 && v <= 1, "in (0, 1]")), List.of(0.25, 0.5, 1.0),
            "Shares of the corrupted modality's entries set to their training mean in every test sample "
                    + "(1 = all of them: the modality is absent).").label("P[,P...]");
    public static final Setting<List<String>> MODALITIES = Setting.of(Section.ROBUSTNESS, "modalities",
            ListTypes.listOf(WordTypes.name()), List.of(ALL),
            "Modalities to corrupt, one at a time: all, or a list of names.").option("--corrupt")
            .label("all|NAME[,NAME...]");
    public static final Setting<Long> NOISE_SEED = Setting.of(Section.ROBUSTNESS, "seed", ValueTypes.seed(), 0L,
            "Seed of the noise and of the blanked entries: every method and training seed sees the same corrupted "
                    + "inputs.").option("--noise-seed").label("S");

    public static final Setting<Double> THRESHOLD = Setting.of(Section.CONVERGENCE, "threshold",
            ValueTypes.number(v -> v > 0 && v <= 1, "in (0, 1]"), 0.95,
            "Share of a run's best validation fused accuracy; the table gives the first epoch that reaches it.")
            .option("--convergence-threshold").label("F");

    public static final Setting<Integer> TIMING_REPEATS = Setting.of(Section.COST, "repeats", ValueTypes.integer(1), 20,
            "Timed passes of the saved model over the test split (after one untimed pass); the fastest is kept.")
            .option("--timing-repeats").label("N");
    public static final Setting<Boolean> MEMORY = Setting.of(Section.COST, "memory", WordTypes.onOff(), true,
            "Measure peak memory: a fresh process trains each row's first run for probe_epochs epochs.")
            .option("--memory-probe").label("on|off");
    public static final Setting<Integer> PROBE_EPOCHS = Setting.of(Section.COST, "probe_epochs", ValueTypes.integer(1), 2,
            "Epochs the memory probe trains.").option("--probe-epochs").label("N");

    public static final Setting<List<Double>> FRACTIONS = Setting.of(Section.DATA_SIZE, "fractions",
            ListTypes.listOf(ValueTypes.number(v -> v > 0 && v <= 1, "in (0, 1]")), List.of(0.25, 0.5, 1.0),
            "Shares of the training split (train.train_fraction) to train on; 1 is the experiment's own runs.")
            .option("--train-fractions").label("F[,F...]");
    public static final Setting<List<String>> DATA_SIZE_METHODS = Setting.of(Section.DATA_SIZE, "methods",
            ListTypes.listOf(WordTypes.name()), List.of("mla", "concat"),
            "Methods trained at every fraction (among the experiment's methods).").option("--data-size-methods")
            .label("M[,M...]");

    public static final List<Setting<?>> ROBUSTNESS = List.of(NOISE, BLANK, MODALITIES, NOISE_SEED);
    public static final List<Setting<?>> CONVERGENCE = List.of(THRESHOLD);
    public static final List<Setting<?>> COST = List.of(TIMING_REPEATS, MEMORY, PROBE_EPOCHS);
    public static final List<Setting<?>> DATA_SIZE = List.of(FRACTIONS, DATA_SIZE_METHODS);

    private AnalysisSettings() {
    }
}
