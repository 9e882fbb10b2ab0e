package org.mla4j.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mla4j.data.MissingProtocol;
import org.mla4j.io.InvalidInputException;
import org.mla4j.settings.WordTypes;

/**
 * Simulated missing modalities for a run: each present (sample, modality) pair is dropped with
 * probability {@code rate} (seeded), keeping at least one modality per sample. By default every
 * modality and every split (train, validation, test) is affected, as in the paper's Table 2; the
 * isolation analysis (its Figure 2) drops only {@code modality}, and only in the training split.
 *
 * @param modality     the only modality to drop, or null for all
 * @param trainingOnly drop only in the training split (fit and validation rows); test stays complete
 */
public record MissingSpec(double rate, long seed, String modality, boolean trainingOnly, MissingProtocol protocol) {
    public static final MissingSpec NONE = new MissingSpec(0, 0, null, false);

    public MissingSpec {
        protocol = protocol == null ? MissingProtocol.INDEPENDENT : protocol;
    }

    /** Independent masking. */
    public MissingSpec(double rate, long seed, String modality, boolean trainingOnly) {
        this(rate, seed, modality, trainingOnly, MissingProtocol.INDEPENDENT);
    }

    public static MissingSpec everywhere(double rate, long seed) {
        return new MissingSpec(rate, seed, null, false);
    }

    public boolean active() {
        return rate > 0;
    }

    /** The run's {@code missing} section of config.json. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rate", rate);
        m.put("seed", seed);
        m.put("modality", modality);
        m.put("training_only", trainingOnly);
        if (protocol != MissingProtocol.INDEPENDENT) { // runs made before the protocol existed read the same
            m.put("protocol", WordTypes.name(protocol));
        }
        return m;
    }

    /** Reads {@link #json()}'s form (also the camel-case keys of run folders from before 2026-12). */
    public static MissingSpec fromJson(JsonNode node, String where) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NONE;
        }
        JsonNode rate = node.get("rate");
        if (rate == null || !rate.isNumber() || !(rate.asDouble() >= 0 && rate.asDouble() < 1)) {
            throw new InvalidInputException(where + "missing.rate must be a number in [0, 1), got " + rate);
        }
        JsonNode modality = node.get("modality");
        JsonNode only = node.has("training_only") ? node.get("training_only") : node.get("trainingOnly");
        MissingProtocol protocol = node.hasNonNull("protocol")
                ? MissingSettings.PROTOCOL.read(node.get("protocol"), where + "missing.protocol")
                : MissingProtocol.INDEPENDENT;
        return new MissingSpec(rate.asDouble(), node.path("seed").asLong(0),
                modality == null || modality.isNull() ? null : modality.asText(), only != null && only.asBoolean(),
                protocol);
    }
}
