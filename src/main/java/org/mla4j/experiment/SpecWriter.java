package org.mla4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mla4j.io.Json;
import org.mla4j.method.Methods;
import org.mla4j.nn.EncoderSettings;
import org.mla4j.settings.WordTypes;
import org.mla4j.train.TrainSettings;

/**
 * An experiment written back as a spec: every training and encoder default filled in, the options as
 * given (each method fills in its own defaults), {@code data} relative to the folder the spec is saved
 * in — so running the saved file repeats the experiment.
 */
final class SpecWriter {
    private SpecWriter() {
    }

    static ExperimentSpec resolved(Experiment e, Path directory) {
        Path base = directory.toAbsolutePath().normalize();
        Path target = e.data().toAbsolutePath().normalize();
        String dataText;
        try {
            dataText = base.relativize(target).toString();
        } catch (IllegalArgumentException ex) {
            dataText = target.toString();
        }
        ArrayNode seeds = SpecReader.YAML.createArrayNode();
        e.seeds().forEach(seeds::add);
        List<ExperimentSpec.Variant> variants = null;
        if (e.hasVariants()) {
            variants = new ArrayList<>();
            for (Experiment.Variant v : e.variants()) {
                variants.add(new ExperimentSpec.Variant(v.name(), v.methods(),
                        node(v.changes().givenJson(Methods.allSettings()))));
            }
        }
        Map<String, Object> missing = new LinkedHashMap<>();
        missing.put("rates", e.rates());
        missing.put("seed", e.missing().seed());
        missing.put("modality", e.missing().modality());
        missing.put("training_only", e.missing().trainingOnly());
        missing.put("protocol", WordTypes.name(e.missing().protocol()));
        return new ExperimentSpec(e.name(), e.description().isEmpty() ? null : e.description(), dataText, e.methods(),
                seeds, node(e.settings().resolved(TrainSettings.ALL)), node(e.settings().resolved(EncoderSettings.ALL)),
                node(e.settings().givenJson(Methods.allSettings())), node(missing), variants,
                new ExperimentSpec.Report(e.gapMethods(), e.curves()),
                e.analysis().isEmpty() ? null : Json.MAPPER.valueToTree(e.analysis().json()));
    }

    /** A section's values; keys without a value (null: take the default) are left out. */
    private static JsonNode node(Map<String, Object> values) {
        Map<String, Object> present = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                present.put(k, v);
            }
        });
        return Json.MAPPER.valueToTree(present);
    }
}
