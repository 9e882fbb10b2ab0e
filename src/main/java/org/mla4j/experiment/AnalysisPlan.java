package org.mla4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.mla4j.io.ClosestName;
import org.mla4j.io.InvalidInputException;
import org.mla4j.settings.SectionReader;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import org.mla4j.settings.ValueTypes;
import org.mla4j.train.TrainSettings;

/**
 * The analyses an experiment asks for beyond its tables ({@code analysis:} in a spec), each computed
 * by the experiment from the trained runs and kept with the results ({@link Analyses}). A spec names
 * them as a list with every default ({@code analysis: [robustness, convergence, cost]}) or as a
 * mapping from an analysis to its settings ({@link AnalysisSettings}):
 *
 * <pre>
 * analysis:
 *   robustness:  {noise: [0, 0.5, 1, 2, 4, 8], blank: [0.25, 0.5, 1], modalities: all, seed: 0}
 *   convergence: {threshold: 0.95}
 *   cost:        {repeats: 20, memory: on, probe_epochs: 2}
 *   data_size:   {fractions: [0.25, 0.5, 1], methods: [mla, concat]}
 * </pre>
 *
 * <ul>
 *   <li><b>robustness</b>: the trained models on a corrupted test split, one modality at a time
 *   ({@link RobustnessAnalysis});
 *   <li><b>convergence</b>: validation accuracy against epochs and wall time, and the epochs to reach
 *   {@code threshold} × the best validation accuracy ({@link ConvergenceTable});
 *   <li><b>cost</b>: training time per epoch, inference time per sample, parameters and peak memory
 *   ({@link CostAnalysis});
 *   <li><b>data_size</b>: extra runs of some methods on a stratified share of the training split
 *   ({@link TrainSettings#TRAIN_FRACTION}), made as variants of the grid named {@code train 25 %}.
 * </ul>
 *
 * A value of {@code true} or nothing takes the analysis's defaults; {@code false} leaves it out.
 * Each field is null when the analysis is not asked for.
 */
public record AnalysisPlan(Robustness robustness, Convergence convergence, Cost cost, DataSize dataSize) {
    public static final AnalysisPlan NONE = new AnalysisPlan(null, null, null, null);
    public static final String ROBUSTNESS = "robustness";
    public static final String CONVERGENCE = "convergence";
    public static final String COST = "cost";
    public static final String DATA_SIZE = "data_size";
    /** The analyses, in the order reports show them. */
    public static final List<String> NAMES = List.of(ROBUSTNESS, CONVERGENCE, COST, DATA_SIZE);

    /**
     * @param noise      Gaussian noise standard deviations (standardised units), ascending
     * @param blank      shares of entries blanked, ascending
     * @param modalities modalities to corrupt, or {@code [all]}
     */
    public record Robustness(List<Double> noise, List<Double> blank, List<String> modalities, long seed) {
        /** The modalities to corrupt, in the dataset's order. */
        public List<String> modalitiesOf(List<String> datasetModalities) {
            return modalities.contains(AnalysisSettings.ALL) ? datasetModalities
                    : datasetModalities.stream().filter(modalities::contains).toList();
        }
    }

    public record Convergence(double threshold) {
    }

    public record Cost(int repeats, boolean memory, int probeEpochs) {
    }

    /** @param fractions ascending; the runs at 1 are the experiment's own */
    public record DataSize(List<Double> fractions, List<String> methods) {
        /** The name of the variant that trains on {@code fraction}: {@code train 25 %}. */
        public static String variantName(double fraction) {
            double percent = Math.round(fraction * 10000) / 100.0; // 0.1 · 100 is 10.000000000000002
            return "train " + ValueTypes.nonNegative().format(percent) + " %";
        }

        /** The grid variants of the fractions below 1, for those of {@code methods} the experiment has. */
        List<Experiment.Variant> variants(List<String> experimentMethods) {
            List<String> mine = experimentMethods.stream().filter(methods::contains).toList();
            List<Experiment.Variant> out = new ArrayList<>();
            for (int i = 0; i < fractions.size(); i++) {
                double f = fractions.get(i);
                if (f < 1 && !mine.isEmpty()) {
                    String name = variantName(f);
                    String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^-+|-+$", "");
                    out.add(new Experiment.Variant(i, name, slug, mine,
                            SettingValues.NONE.with(TrainSettings.TRAIN_FRACTION, f), false));
                }
            }
            return out;
        }
    }

    public boolean isEmpty() {
        return robustness == null && convergence == null && cost == null && dataSize == null;
    }

    /** The plan saved with an experiment's results (the resolved spec's {@code analysis}). */
    public static AnalysisPlan of(ExperimentResults results) {
        String file = results.directory().resolve(ExperimentResults.FILE) + ": spec.";
        return read(results.spec() == null ? null : results.spec().get("analysis"), k -> file);
    }

    /**
     * Reads a spec's {@code analysis} node (null: none).
     *
     * @param source where a key's value came from, for messages: key path → "file: " or "--set k=v: "
     */
    public static AnalysisPlan read(JsonNode node, Function<String, String> source) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NONE;
        }
        Map<String, JsonNode> asked = new LinkedHashMap<>();
        if (node.isTextual() || node.isArray()) {
            for (JsonNode entry : node.isArray() ? node : List.of(node)) {
                if (!entry.isTextual()) {
                    throw new InvalidInputException(source.apply("analysis") + "analysis entries must be names of "
                            + "analyses (" + String.join(", ", NAMES) + "), got " + ValueTypes.describe(entry)
                            + "; give settings as a mapping (analysis: {robustness: {noise: [0, 1]}})");
                }
                asked.put(known(entry.asText().trim(), "analysis", source), null);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = "analysis." + e.getKey();
                JsonNode v = e.getValue();
                known(e.getKey(), key, source);
                if (v.isBoolean() && !v.asBoolean()) {
                    continue;
                }
                if (!(v.isNull() || v.isBoolean() || v.isObject())) {
                    throw new InvalidInputException(source.apply(key) + key + " must be true, false or a mapping of "
                            + "its settings (keys: " + keys(settingsOf(e.getKey())) + "), got " + ValueTypes.describe(v));
                }
                asked.put(e.getKey(), v.isObject() ? v : null);
            }
        } else {
            throw new InvalidInputException(source.apply("analysis") + "analysis must be a list of analyses ("
                    + String.join(", ", NAMES) + ") or a mapping from an analysis to its settings, got "
                    + ValueTypes.describe(node));
        }
        SettingValues values = SettingValues.NONE;
        for (Map.Entry<String, JsonNode> e : asked.entrySet()) {
            values = values.overriddenBy(SectionReader.read(e.getValue(), "analysis." + e.getKey(),
                    settingsOf(e.getKey()), source));
        }
        return of(asked.keySet(), values);
    }

    /**
     * The plan of the named analyses ({@link #NAMES}) with the given setting values (the others take
     * their defaults), e.g. from a command's options.
     */
    public static AnalysisPlan of(java.util.Collection<String> names, SettingValues v) {
        return new AnalysisPlan(
                names.contains(ROBUSTNESS) ? robustness(v) : null,
                names.contains(CONVERGENCE) ? new Convergence(v.get(AnalysisSettings.THRESHOLD)) : null,
                names.contains(COST) ? new Cost(v.get(AnalysisSettings.TIMING_REPEATS), v.get(AnalysisSettings.MEMORY),
                        v.get(AnalysisSettings.PROBE_EPOCHS)) : null,
                names.contains(DATA_SIZE) ? new DataSize(ascending(v.get(AnalysisSettings.FRACTIONS)),
                        distinct(v.get(AnalysisSettings.DATA_SIZE_METHODS))) : null);
    }

    private static Robustness robustness(SettingValues v) {
        List<String> modalities = distinct(v.get(AnalysisSettings.MODALITIES));
        return new Robustness(ascending(v.get(AnalysisSettings.NOISE)), ascending(v.get(AnalysisSettings.BLANK)),
                modalities.contains(AnalysisSettings.ALL) ? List.of(AnalysisSettings.ALL) : modalities,
                v.get(AnalysisSettings.NOISE_SEED));
    }

    /** The settings of the named analysis. */
    private static List<Setting<?>> settingsOf(String name) {
        return switch (name) {
            case ROBUSTNESS -> AnalysisSettings.ROBUSTNESS;
            case CONVERGENCE -> AnalysisSettings.CONVERGENCE;
            case COST -> AnalysisSettings.COST;
            case DATA_SIZE -> AnalysisSettings.DATA_SIZE;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static String known(String name, String key, Function<String, String> source) {
        if (!NAMES.contains(name)) {
            String what = key.equals("analysis") ? "analysis names unknown analysis '" + name + "'"
                    : "unknown key '" + key + "'";
            throw new InvalidInputException(source.apply(key) + what + ClosestName.suggestion(name, NAMES)
                    + "; valid " + (key.equals("analysis") ? "analyses" : "keys in analysis") + ": "
                    + String.join(", ", NAMES));
        }
        return name;
    }

    private static String keys(List<Setting<?>> settings) {
        return String.join(", ", settings.stream().map(Setting::key).toList());
    }

    private static List<Double> ascending(List<Double> values) {
        return values.stream().distinct().sorted().toList();
    }

    private static List<String> distinct(List<String> values) {
        return List.copyOf(new LinkedHashSet<>(values));
    }

    /** The plan with every value filled in, as a spec's {@code analysis} mapping (null: no analysis). */
    public Map<String, Object> json() {
        if (isEmpty()) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (robustness != null) {
            m.put(ROBUSTNESS, section(AnalysisSettings.NOISE.key(), robustness.noise(), AnalysisSettings.BLANK.key(),
                    robustness.blank(), AnalysisSettings.MODALITIES.key(), robustness.modalities(),
                    AnalysisSettings.NOISE_SEED.key(), robustness.seed()));
        }
        if (convergence != null) {
            m.put(CONVERGENCE, section(AnalysisSettings.THRESHOLD.key(), convergence.threshold()));
        }
        if (cost != null) {
            m.put(COST, section(AnalysisSettings.TIMING_REPEATS.key(), cost.repeats(), AnalysisSettings.MEMORY.key(),
                    cost.memory() ? "on" : "off", AnalysisSettings.PROBE_EPOCHS.key(), cost.probeEpochs()));
        }
        if (dataSize != null) {
            m.put(DATA_SIZE, section(AnalysisSettings.FRACTIONS.key(), dataSize.fractions(),
                    AnalysisSettings.DATA_SIZE_METHODS.key(), dataSize.methods()));
        }
        return m;
    }

    private static Map<String, Object> section(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
