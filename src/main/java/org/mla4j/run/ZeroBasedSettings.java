package org.mla4j.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Settings recorded before epoch numbers counted from 1 (2026-12-02): {@code train.lr_decay_epochs}
 * and {@code options.ogm_epochs} were 0-based, and QMF had only its simplified variant. Run folders
 * and checkpoints from then carry no {@link #MARKER} in their settings, model files have a
 * {@code format_version} below 3; {@link #upgrade} and {@link #upgradeOptions} rewrite such
 * settings to today's meaning (epoch e becomes e + 1, {@code qmf_variant: simplified}), so an old
 * run is resumed, compared and reused with exactly the schedule it was trained with.
 */
final class ZeroBasedSettings {
    /** Key of config.json's and checkpoint.json's {@code settings}: the number the first epoch has (1). */
    static final String MARKER = "epochs_from";

    private ZeroBasedSettings() {
    }

    /** Whether {@code settings} (today's layout) were written with 0-based epoch settings. */
    static boolean isZeroBased(JsonNode settings) {
        return settings != null && !settings.has(MARKER);
    }

    /** A copy of {@code settings} (today's layout) with epoch numbers from 1 and the QMF variant named. */
    static JsonNode upgrade(JsonNode settings) {
        ObjectNode out = settings.deepCopy();
        if (out.get("train") instanceof ObjectNode train && train.get("lr_decay_epochs") instanceof ArrayNode epochs) {
            ArrayNode shifted = train.putArray("lr_decay_epochs");
            epochs.forEach(e -> shifted.add(e.isInt() ? e.intValue() + 1 : e.asInt()));
        }
        if (out.get("options") instanceof ObjectNode) {
            out.set("options", upgradeOptions(out.get("options"), out.path("method").asText()));
        }
        return out;
    }

    /** A copy of a method's {@code options} with {@code ogm_epochs} from 1 and QMF's variant named. */
    static JsonNode upgradeOptions(JsonNode options, String method) {
        if (!(options instanceof ObjectNode o)) {
            return options;
        }
        ObjectNode out = o.deepCopy();
        JsonNode window = out.get("ogm_epochs");
        if (window != null && window.isTextual()) {
            String[] parts = window.textValue().split(":");
            try {
                int first = Integer.parseInt(parts[0].trim());
                int last = Integer.parseInt(parts[1].trim());
                out.put("ogm_epochs", (first + 1) + ":" + (last < 0 ? last : last + 1));
            } catch (RuntimeException e) {
                // not a window: left for the setting's own check to report
            }
        }
        if (method.equals("qmf") && !out.has("qmf_variant")) {
            out.put("qmf_variant", "simplified");
        }
        return out;
    }
}
