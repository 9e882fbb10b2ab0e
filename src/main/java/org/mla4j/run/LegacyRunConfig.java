package org.mla4j.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/**
 * Run settings as config.json and checkpoint.json recorded them before 2026-12: camel-case keys at
 * the top level, and one options record holding every method's options. {@link #upgrade} rewrites
 * them in today's sections (the spec's keys), so old run folders can still be evaluated, predicted
 * with, resumed and reused by a grid.
 */
final class LegacyRunConfig {
    private static final Map<String, String> TRAIN = Map.of("epochs", "epochs", "batchSize", "batch_size", "lr", "lr",
            "momentum", "momentum", "weightDecay", "weight_decay", "lrDecayEpochs", "lr_decay_epochs",
            "lrDecayFactor", "lr_decay_factor", "validationFraction", "val_fraction", "splitSeed", "split_seed");
    private static final Map<String, String> OPTIONS = Map.of("hgmAlpha", "hgm_alpha", "conditionModality",
            "condition_modality", "ogmAlpha", "ogm_alpha", "qmfTemperature", "qmf_temperature", "qmfRankingWeight",
            "qmf_ranking_weight");
    private static final Map<String, java.util.List<String>> OPTIONS_OF = Map.of(
            "mla", java.util.List.of("hgm", "hgm_alpha", "hgm_features", "fusion"),
            "late", java.util.List.of("fusion"),
            "film", java.util.List.of("condition_modality"),
            "bigated", java.util.List.of("condition_modality"),
            "ogm-ge", java.util.List.of("ogm_alpha", "ogm_epochs"),
            "qmf", java.util.List.of("qmf_temperature", "qmf_ranking_weight"));

    private LegacyRunConfig() {
    }

    /** Whether {@code settings} has the old layout. */
    static boolean isLegacy(JsonNode settings) {
        return settings != null && settings.has("batchSize");
    }

    static JsonNode upgrade(JsonNode old) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode out = f.objectNode();
        out.set("data", old.get("data"));
        out.set("method", old.get("method"));
        out.set("seed", old.get("seed"));
        ObjectNode train = out.putObject("train");
        TRAIN.forEach((from, to) -> {
            if (old.has(from)) {
                train.set(to, old.get(from));
            }
        });
        JsonNode e = old.path("encoder");
        ObjectNode encoder = out.putObject("encoder");
        encoder.set("type", e.get("type"));
        encoder.set("layers", e.get("layers"));
        encoder.set("width", e.get("width"));
        encoder.set("per_modality", e.get("perModality"));
        out.set("options", options(old.path("options"), old.path("method").asText()));
        out.set("missing", old.get("missing"));
        return out;
    }

    /** The old all-methods options record as the given method's options. */
    static ObjectNode options(JsonNode o, String method) {
        ObjectNode all = JsonNodeFactory.instance.objectNode();
        if (o.has("hgm")) {
            all.put("hgm", o.get("hgm").asBoolean() ? "on" : "off");
        }
        if (o.has("hgmFeatures")) {
            all.put("hgm_features", o.get("hgmFeatures").asText().toLowerCase(Locale.ROOT));
        }
        if (o.has("fusion")) {
            all.put("fusion", o.get("fusion").asText().toLowerCase(Locale.ROOT));
        }
        if (o.has("ogmStartEpoch")) {
            all.put("ogm_epochs", o.get("ogmStartEpoch").asInt() + ":" + o.path("ogmEndEpoch").asInt(-1));
        }
        OPTIONS.forEach((from, to) -> {
            if (o.has(from)) {
                all.set(to, o.get(from));
            }
        });
        ObjectNode mine = JsonNodeFactory.instance.objectNode();
        for (String key : OPTIONS_OF.getOrDefault(method, java.util.List.of())) {
            if (all.has(key) && !all.get(key).isNull()) {
                mine.set(key, all.get(key));
            }
        }
        return mine;
    }
}
