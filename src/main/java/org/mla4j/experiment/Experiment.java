package org.mla4j.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.io.InvalidInputException;
import org.mla4j.method.shared.CommonSettings;
import org.mla4j.run.RunConfig;
import org.mla4j.settings.SettingValues;
import org.mla4j.train.TrainSettings;

/**
 * A validated experiment: methods × variants × missing rates × seeds on one dataset, with the
 * settings every run shares, and the analyses computed from its runs ({@link AnalysisPlan}; a
 * data-size analysis adds its runs as variants after the grid's own). Every run it plans gives a valid {@link RunConfig}. Made from a spec
 * file ({@link #load}, {@link SpecResolver}) or by a command that builds the same grid from its
 * options ({@code mla compare}, {@code mla missing}, {@code mla isolation}).
 */
public final class Experiment {
    /**
     * A named variant of the method options (an ablation arm). The implicit variant of an experiment
     * without variants has {@code implicit} set: it changes nothing and does not appear in names.
     *
     * @param index   position in the spec's {@code variants} list (−1 for the implicit one)
     * @param slug    the name in lower case with runs of other characters turned into '-', for folders
     * @param methods the methods it applies to, in the experiment's order
     * @param changes the options it sets (the others come from the experiment's settings)
     */
    public record Variant(int index, String name, String slug, List<String> methods, SettingValues changes,
                          boolean implicit) {
        /** The variant of an experiment without variants. */
        public static Variant implicit(List<String> methods) {
            return new Variant(-1, "default", "default", List.copyOf(methods), SettingValues.NONE, true);
        }
    }

    private final SpecReader.Bound source;
    private final Function<String, String> where;
    private final String name;
    private final String description;
    private final Path data;
    private final List<String> methods;
    private final List<Long> seeds;
    private final SettingValues settings;
    private final MissingPlan missing;
    private final List<Variant> variants;
    private final List<String> gapMethods;
    private final boolean curves;
    private final AnalysisPlan analysis;

    /**
     * @param source   the spec it was read from (null for an experiment a command built)
     * @param where    a setting's spec key → how messages name it ("spec.yaml: missing.modality", "--missing-modality")
     * @param settings the training, encoder and method settings every run shares
     */
    Experiment(SpecReader.Bound source, Function<String, String> where, String name, String description, Path data,
               List<String> methods, List<Long> seeds, SettingValues settings, MissingPlan missing,
               List<Variant> variants, List<String> gapMethods, boolean curves, AnalysisPlan analysis) {
        this.source = source;
        this.where = where;
        this.name = name;
        this.description = description == null ? "" : description.trim();
        this.data = data;
        this.methods = List.copyOf(methods);
        this.seeds = List.copyOf(seeds);
        this.settings = settings;
        this.missing = missing;
        this.analysis = analysis == null ? AnalysisPlan.NONE : analysis;
        List<Variant> all = new ArrayList<>(variants == null || variants.isEmpty() ? List.of(Variant.implicit(methods))
                : variants);
        if (this.analysis.dataSize() != null) {
            all.addAll(this.analysis.dataSize().variants(methods)); // the data-size runs, after the grid's own
        }
        this.variants = List.copyOf(all);
        this.gapMethods = List.copyOf(gapMethods);
        this.curves = curves;
    }

    /** Reads, overrides and validates a spec file. */
    public static Experiment load(Path file, List<String> overrides) {
        return of(SpecReader.read(file, overrides));
    }

    /** Validates a bound spec. */
    public static Experiment of(SpecReader.Bound bound) {
        return SpecResolver.resolve(bound);
    }

    /**
     * The experiment a command builds from its options: no variants; messages name the options.
     *
     * @param where a setting's spec key → the command-line option that gave it
     */
    public static Experiment ofCommand(String name, String description, Path data, List<String> methods,
                                       List<Long> seeds, SettingValues settings, MissingPlan missing,
                                       Function<String, String> where) {
        return ofCommand(name, description, data, methods, seeds, settings, missing, AnalysisPlan.NONE, where);
    }

    /** As {@link #ofCommand(String, String, Path, List, List, SettingValues, MissingPlan, Function)}, with analyses. */
    public static Experiment ofCommand(String name, String description, Path data, List<String> methods,
                                       List<Long> seeds, SettingValues settings, MissingPlan missing,
                                       AnalysisPlan analysis, Function<String, String> where) {
        List<String> gap = methods.stream().filter(m -> m.equals("mla") || m.equals("concat")).toList();
        return new Experiment(null, where, name, description, data, methods, seeds, settings, missing, List.of(), gap,
                true, analysis);
    }

    /** The spec file (null for an experiment a command built). */
    public Path specFile() {
        return source == null ? null : source.file();
    }

    public List<SpecOverride> overrides() {
        return source == null ? List.of() : source.overrides();
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** The dataset folder (a relative path in a spec file is resolved against the file's folder). */
    public Path data() {
        return data;
    }

    public List<String> methods() {
        return methods;
    }

    public List<Long> seeds() {
        return seeds;
    }

    /** The settings every run shares (variants add their own options on top). */
    public SettingValues settings() {
        return settings;
    }

    public int epochs() {
        return settings.get(TrainSettings.EPOCHS);
    }

    public MissingPlan missing() {
        return missing;
    }

    /** Missing rates, ascending; {@code [0.0]} when the experiment has none. */
    public List<Double> rates() {
        return missing.rates();
    }

    public List<Variant> variants() {
        return variants;
    }

    /** Whether the experiment defines ablation variants (otherwise there is one implicit variant). */
    public boolean hasVariants() {
        return !variants.get(0).implicit();
    }

    /** Methods whose modality gap and embeddings the report analyses. */
    public List<String> gapMethods() {
        return gapMethods;
    }

    /** Whether the report draws training curves. */
    public boolean curves() {
        return curves;
    }

    /** The analyses computed from the runs ({@link Analyses}). */
    public AnalysisPlan analysis() {
        return analysis;
    }

    /** The experiment written back as a spec to be saved in {@code directory} ({@link SpecWriter}). */
    public ExperimentSpec resolvedSpec(Path directory) {
        return SpecWriter.resolved(this, directory);
    }

    /** The settings of one run of the grid. */
    public RunConfig config(String method, Variant variant, double rate, long seed) {
        return new RunConfig(data.toString(), method, seed, settings.overriddenBy(variant.changes()),
                missing.at(rate, seed));
    }

    /**
     * Checks what only the data can tell: the missing modality, the conditioning modality and the
     * encoders exist and fit the dataset's modalities.
     */
    public void checkAgainst(MultimodalDataset dataset) {
        List<String> names = dataset.modalityNames();
        if (missing.modality() != null && !names.contains(missing.modality())) {
            throw new InvalidInputException(where.apply("missing.modality") + " names unknown modality '"
                    + missing.modality() + "' of " + dataset.name() + "; valid: " + String.join(", ", names));
        }
        for (Variant v : variants) {
            SettingValues values = settings.overriddenBy(v.changes());
            String condition = values.get(CommonSettings.CONDITION_MODALITY);
            if (condition != null && !names.contains(condition)) {
                String key = v.changes().has(CommonSettings.CONDITION_MODALITY)
                        ? "variants[" + v.index() + "].options.condition_modality" : "options.condition_modality";
                throw new InvalidInputException(where.apply(key) + " '" + condition + "' is not a modality of "
                        + dataset.name() + "; valid: " + String.join(", ", names));
            }
        }
        if (analysis.robustness() != null) {
            for (String m : analysis.robustness().modalities()) {
                if (!m.equals(AnalysisSettings.ALL) && !names.contains(m)) {
                    throw new InvalidInputException(where.apply(AnalysisSettings.MODALITIES.path()) + " names unknown "
                            + "modality '" + m + "' of " + dataset.name() + "; valid: all, " + String.join(", ", names));
                }
            }
        }
        try {
            config(methods.get(0), variants.get(0), 0, 0).encoder().resolve(dataset.modalities());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where.apply("encoder") + ": " + e.getMessage());
        }
    }

    /** The rows of the experiment's tables: each variant's methods. */
    public List<String> rows() {
        List<String> rows = new ArrayList<>();
        for (Variant v : variants) {
            for (String method : v.methods()) {
                rows.add(ExperimentGrid.rowLabel(method, v));
            }
        }
        return rows;
    }
}
