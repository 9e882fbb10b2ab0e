package org.mla4j.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Json;
import org.mla4j.run.RunDirectory;

/**
 * The test figures of one finished run, as recorded in its {@code metrics.json}: fused accuracy of
 * the validation-selected model, fused accuracy at the last epoch, and each modality's own accuracy
 * (only modalities the method can score alone). Accuracies are fractions in [0, 1]; the selected
 * epoch is numbered from 1 (read from {@code selected_epoch_number}, or from an older file's 0-based
 * {@code selected_epoch} plus one).
 */
public record RunSummary(String method, long seed, int selectedEpoch, double fusedAccuracy,
                         double fusedAccuracyLastEpoch, Map<String, Double> modalityAccuracy) {

    public RunSummary {
        modalityAccuracy = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(modalityAccuracy));
    }

    /** Reads {@code metrics.json}. */
    public static RunSummary read(Path metricsFile) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readAllBytes(metricsFile));
        } catch (JsonProcessingException e) {
            throw Json.invalid(metricsFile, e);
        } catch (IOException e) {
            throw InvalidInputException.inFile(metricsFile, "cannot be read (" + e.getMessage() + ")");
        }
        try {
            JsonNode test = root.get("test");
            Map<String, Double> modalities = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = test.get("modality_accuracy").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                modalities.put(e.getKey(), number(e.getValue()));
            }
            JsonNode last = root.path("test_last_epoch").path("fused_accuracy");
            return new RunSummary(root.get("method").asText(), root.get("seed").asLong(),
                    selectedEpoch(root), number(test.get("fused_accuracy")),
                    last.isMissingNode() ? Double.NaN : number(last), modalities);
        } catch (NullPointerException e) {
            throw InvalidInputException.inFile(metricsFile, "is not an mla4j metrics file (a field is missing)");
        }
    }

    private static int selectedEpoch(JsonNode root) {
        JsonNode number = root.get(RunDirectory.SELECTED_EPOCH);
        return number != null ? number.asInt() : root.get(RunDirectory.SELECTED_EPOCH_0_BASED).asInt() + 1;
    }

    private static double number(JsonNode node) {
        return node == null || node.isNull() || !node.isNumber() ? Double.NaN : node.asDouble();
    }
}
