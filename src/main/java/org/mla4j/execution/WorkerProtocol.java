package org.mla4j.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mla4j.io.Json;
import org.mla4j.run.RunConfig;
import org.mla4j.train.EpochRecord;

/**
 * What a parent and a {@link RunWorker} say to each other, one JSON document per line.
 *
 * <p>Parent → worker, on the worker's standard input: one job per line,
 * {@code {"config": <RunConfig.json()>, "directory": DIR, "data": DATASET, "provenance": {...}}}.
 * Worker → parent, on the worker's standard output, each line prefixed with {@link #PREFIX} (any other
 * line there is not the protocol's and is passed on as a message): {@code {"event": "epoch", "record":
 * <EpochRecord>, "improved": B}} for every epoch, then {@code {"event": "done"}} once the run directory
 * is in place or {@code {"event": "failed", "reason": TEXT, "diverged": B}}. Closing the worker's standard input ends it.
 */
final class WorkerProtocol {
    static final String PREFIX = "@mla4j-worker ";
    static final String EPOCH = "epoch";
    static final String DONE = "done";
    static final String FAILED = "failed";

    private static final ObjectWriter LINE = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    /** A job as the worker reads it. */
    record Job(RunConfig config, Path directory, Path data, Map<String, Object> provenance) {
    }

    private WorkerProtocol() {
    }

    static String job(RunConfig config, Path directory, Path data, Map<String, Object> provenance) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("config", config.json());
        m.put("directory", directory.toAbsolutePath().normalize().toString());
        m.put("data", data.toAbsolutePath().normalize().toString());
        m.put("provenance", provenance);
        return line(m);
    }

    @SuppressWarnings("unchecked")
    static Job readJob(String line) throws IOException {
        JsonNode node = Json.MAPPER.readTree(line);
        return new Job(RunConfig.fromJson(node.get("config"), "the job sent to this worker"),
                Path.of(node.get("directory").asText()), Path.of(node.get("data").asText()),
                Json.MAPPER.convertValue(node.get("provenance"), LinkedHashMap.class));
    }

    static String epoch(EpochRecord record, boolean improved) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", EPOCH);
        m.put("record", record);
        m.put("improved", improved);
        return PREFIX + line(m);
    }

    static String done() {
        return PREFIX + line(Map.of("event", DONE));
    }

    /** @param diverged whether training diverged (the same settings would again: not worth retrying) */
    static String failed(String reason, boolean diverged) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", FAILED);
        m.put("reason", reason);
        m.put("diverged", diverged);
        return PREFIX + line(m);
    }

    /** A worker's event, or null for a line that is not the protocol's. */
    static JsonNode event(String line) {
        if (!line.startsWith(PREFIX)) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(line.substring(PREFIX.length()));
        } catch (IOException e) {
            return null;
        }
    }

    static EpochRecord record(JsonNode event) {
        return Json.MAPPER.convertValue(event.get("record"), EpochRecord.class);
    }

    private static String line(Object value) {
        try {
            return LINE.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a worker message", e);
        }
    }
}
