package org.mla4j.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An experiment spec as written in its YAML file, bound as is (a key left out is {@code null} and
 * takes its default when the spec is resolved by {@link SpecResolver}). The top level and the
 * {@code variants}/{@code report} entries are this record's schema (an unknown key there is refused
 * by {@link SpecReader}); the sections {@code train}, {@code encoder}, {@code options} and
 * {@code missing} hold settings, whose keys and values their definitions check
 * ({@link org.mla4j.settings.SectionReader}), and so do the subsections of {@code analysis}
 * ({@link AnalysisPlan#read}).
 *
 * <pre>
 * name: av_mnist_fsdd-table1          # default: the file name without extension
 * description: free text for the report
 * data: ../../data/av_mnist_fsdd      # dataset folder; a relative path is relative to the spec file
 * methods: [mla, concat]              # or "all"
 * seeds: 3                            # N (seeds 0..N-1) or a list [0, 1, 2]
 * train:    {epochs, batch_size, lr, momentum, weight_decay, lr_decay_epochs, lr_decay_factor,
 *            val_fraction, split_seed}
 * encoder:  {type, layers, width, per_modality: {modality: type}}
 * options:  {the options of the methods: hgm, hgm_alpha, hgm_features, fusion, condition_modality, ...}
 * missing:  {rates: [0, 0.1, ...], seed, modality, training_only}
 * variants: [{name, methods, options}]  # ablations: named changes to options
 * report:   {modality_gap: [mla, concat], curves: true}
 * analysis: [robustness, convergence, cost, data_size]  # or a mapping to their settings ({@link AnalysisPlan})
 * </pre>
 *
 * The setting keys mean what the {@code mla train} options of the same name (with dashes) mean.
 */
@JsonPropertyOrder({"name", "description", "data", "methods", "seeds", "train", "encoder", "options", "missing",
        "variants", "report", "analysis"})
public record ExperimentSpec(String name, String description, String data, List<String> methods, JsonNode seeds,
                             JsonNode train, JsonNode encoder, JsonNode options, JsonNode missing,
                             List<Variant> variants, Report report, JsonNode analysis) {

    /** The keys allowed at the top level, in the order the documentation lists them. */
    public static final List<String> KEYS = List.of("name", "description", "data", "methods", "seeds", "train",
            "encoder", "options", "missing", "variants", "report", "analysis");

    /** The settings each section ({@code train}, {@code encoder}, {@code options}, {@code missing}) holds. */
    public static java.util.Map<String, List<org.mla4j.settings.Setting<?>>> sectionSettings() {
        return SpecResolver.sections();
    }

    /** One ablation variant: a name, the methods it applies to (default: all), and the options it changes. */
    @JsonPropertyOrder({"name", "methods", "options"})
    public record Variant(String name, List<String> methods, JsonNode options) {
    }

    /** What {@code mla report} analyses beyond the tables ({@code report:}). */
    @JsonPropertyOrder({"modality_gap", "curves"})
    public record Report(@JsonProperty("modality_gap") List<String> modalityGap, Boolean curves) {
    }
}
