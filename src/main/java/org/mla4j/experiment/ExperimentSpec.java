package org.mla4j.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * An experiment spec as written in its YAML file: every key an experiment may set, bound as is
 * (a key left out is {@code null} and takes its default when the spec is resolved by
 * {@link Experiment}). This record is the schema: a key that is not one of its components is an
 * error that names the key and the valid ones ({@link SpecReader}).
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
 * options:  {hgm, hgm_alpha, hgm_features, fusion, condition_modality, ogm_alpha, ogm_epochs,
 *            qmf_temperature, qmf_ranking_weight}
 * missing:  {rates: [0, 0.1, ...], modality, training_only}
 * variants: [{name, methods, options}]  # ablations: named changes to options
 * report:   {modality_gap: [mla, concat], curves: true}
 * </pre>
 *
 * The keys mean what the {@code mla train} options of the same name (with dashes) mean.
 */
@JsonPropertyOrder({"name", "description", "data", "methods", "seeds", "train", "encoder", "options", "missing",
        "variants", "report"})
public record ExperimentSpec(String name, String description, String data, List<String> methods, JsonNode seeds,
                             Train train, Encoder encoder, Options options, Missing missing, List<Variant> variants,
                             Report report) {

    /** The keys allowed at the top level, in the order the documentation lists them. */
    public static final List<String> KEYS = List.of("name", "description", "data", "methods", "seeds", "train",
            "encoder", "options", "missing", "variants", "report");

    /** Training settings ({@code train:}). */
    @JsonPropertyOrder({"epochs", "batch_size", "lr", "momentum", "weight_decay", "lr_decay_epochs", "lr_decay_factor",
            "val_fraction", "split_seed"})
    public record Train(Integer epochs, @JsonProperty("batch_size") Integer batchSize, Double lr, Double momentum,
                        @JsonProperty("weight_decay") Double weightDecay,
                        @JsonProperty("lr_decay_epochs") List<Integer> lrDecayEpochs,
                        @JsonProperty("lr_decay_factor") Double lrDecayFactor,
                        @JsonProperty("val_fraction") Double valFraction,
                        @JsonProperty("split_seed") Long splitSeed) {
    }

    /** Encoders ({@code encoder:}). */
    @JsonPropertyOrder({"type", "layers", "width", "per_modality"})
    public record Encoder(String type, Integer layers, Integer width,
                          @JsonProperty("per_modality") Map<String, String> perModality) {
    }

    /** Method options ({@code options:}, and a variant's {@code options:}, which override them). */
    @JsonPropertyOrder({"hgm", "hgm_alpha", "hgm_features", "fusion", "condition_modality", "ogm_alpha", "ogm_epochs",
            "qmf_temperature", "qmf_ranking_weight"})
    public record Options(String hgm, @JsonProperty("hgm_alpha") Double hgmAlpha,
                          @JsonProperty("hgm_features") String hgmFeatures, String fusion,
                          @JsonProperty("condition_modality") String conditionModality,
                          @JsonProperty("ogm_alpha") Double ogmAlpha, @JsonProperty("ogm_epochs") String ogmEpochs,
                          @JsonProperty("qmf_temperature") Double qmfTemperature,
                          @JsonProperty("qmf_ranking_weight") Double qmfRankingWeight) {

        /** Options that set nothing. */
        public static final Options NONE = new Options(null, null, null, null, null, null, null, null, null);

        /** These options with every key that {@code over} sets replaced by its value. */
        public Options overriddenBy(Options over) {
            if (over == null) {
                return this;
            }
            return new Options(pick(over.hgm, hgm), pick(over.hgmAlpha, hgmAlpha), pick(over.hgmFeatures, hgmFeatures),
                    pick(over.fusion, fusion), pick(over.conditionModality, conditionModality),
                    pick(over.ogmAlpha, ogmAlpha), pick(over.ogmEpochs, ogmEpochs),
                    pick(over.qmfTemperature, qmfTemperature), pick(over.qmfRankingWeight, qmfRankingWeight));
        }

        private static <T> T pick(T preferred, T fallback) {
            return preferred != null ? preferred : fallback;
        }
    }

    /** Simulated missing modalities ({@code missing:}); each rate is one more point of the grid. */
    @JsonPropertyOrder({"rates", "modality", "training_only"})
    public record Missing(List<Double> rates, String modality, @JsonProperty("training_only") Boolean trainingOnly) {
    }

    /** One ablation variant: a name, the methods it applies to (default: all), and the options it changes. */
    @JsonPropertyOrder({"name", "methods", "options"})
    public record Variant(String name, List<String> methods, Options options) {
    }

    /** What {@code mla report} analyses beyond the tables ({@code report:}). */
    @JsonPropertyOrder({"modality_gap", "curves"})
    public record Report(@JsonProperty("modality_gap") List<String> modalityGap, Boolean curves) {
    }
}
