package org.mla4j.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Json;

/** Reads back the settings a run directory recorded (to evaluate it the way it was trained). */
public final class SavedRun {
    private SavedRun() {
    }

    /** The run's resolved settings from config.json, or null when the directory has no config (a bare model). */
    public static RunConfig settings(Path runDir) {
        Path file = runDir.resolve(RunDirectory.CONFIG);
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readAllBytes(file));
            JsonNode settings = root == null ? null : root.get("settings");
            if (settings == null) {
                throw InvalidInputException.inFile(file, "has no \"settings\" object");
            }
            return RunConfig.fromJson(settings, file.toString());
        } catch (NoSuchFileException e) {
            return null;
        } catch (JsonProcessingException e) {
            throw Json.invalid(file, e);
        } catch (IOException e) {
            throw InvalidInputException.inFile(file, "is not a valid run configuration ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }
}
