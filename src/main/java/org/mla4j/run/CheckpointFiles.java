package org.mla4j.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.mla4j.io.AtomicFiles;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Json;
import org.mla4j.io.NpyArray;
import org.mla4j.io.Npz;
import org.mla4j.nn.ParameterSnapshot;
import org.mla4j.train.EpochRecord;
import org.mla4j.train.TrainingState;

/**
 * The checkpoint of an unfinished run, in {@code RUN_DIR/checkpoint/}:
 *
 * <pre>
 *   checkpoint.json          format, settings, dataset checksum, provenance, epochs done, history,
 *                            best epoch and accuracy, elapsed time, and the name + SHA-256 of:
 *   state-epoch0003.npz      parameters/*, momentum/*, best/* (float32) and method/* (float64)
 * </pre>
 *
 * Plain data only (JSON and NumPy arrays): loading a checkpoint never executes anything from it.
 * Saving is all-or-nothing: the arrays go to a new file named after the epoch, then the JSON, the
 * commit point, is atomically replaced to name it, then older array files are deleted. A kill at any
 * moment leaves the previous checkpoint or the new one, both complete.
 */
public final class CheckpointFiles {
    public static final String DIRECTORY = "checkpoint";
    public static final String DESCRIPTION = "checkpoint.json";
    static final String FORMAT = "mla4j-checkpoint";
    /** Version 2 (2026-12): settings in the sections of a spec; version 1 checkpoints are read too. */
    static final int VERSION = 2;
    private static final Pattern STATE_FILE = Pattern.compile("state-epoch\\d{4,}\\.npz");
    private static final String PARAMETERS = "parameters/";
    private static final String MOMENTUM = "momentum/";
    private static final String BEST = "best/";
    private static final String METHOD = "method/";

    /** What a run records about itself in every checkpoint, besides the training state. */
    public record Header(RunConfig config, Map<String, Object> provenance, String datasetName, String datasetChecksum) {
    }

    /** A checkpoint read back from disk. */
    public record Saved(Header header, int checkpointEvery, TrainingState state, Path file) {
    }

    private CheckpointFiles() {
    }

    public static Path directory(Path runDir) {
        return runDir.resolve(DIRECTORY);
    }

    /** Whether {@code runDir} holds a checkpoint (an unfinished run). */
    public static boolean exists(Path runDir) {
        return Files.isRegularFile(directory(runDir).resolve(DESCRIPTION));
    }

    /** Refuses a directory that holds only a checkpoint: it has no model yet. */
    public static void requireFinished(Path dir) {
        if (exists(dir) && !Files.exists(dir.resolve(org.mla4j.run.ModelFile.DESCRIPTION))) {
            throw new InvalidInputException(dir + ": unfinished run (it holds a checkpoint but no model yet); "
                    + "finish it with: mla train --resume " + dir);
        }
    }

    /** Writes a checkpoint into {@code runDir/checkpoint/} (created if needed), replacing the previous one. */
    public static void write(Path runDir, Header header, int checkpointEvery, TrainingState state) {
        Path dir = directory(runDir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        String stateName = String.format(java.util.Locale.ROOT, "state-epoch%04d.npz", state.epochsDone());
        MessageDigest digest = sha256();
        AtomicFiles.write(dir.resolve(stateName), out -> {
            digest.reset(); // a retried write starts over
            DigestOutputStream hashed = new DigestOutputStream(out, digest);
            Npz.write(hashed, arrays(state));
            hashed.flush();
        });
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("format", FORMAT);
        d.put("format_version", VERSION);
        d.put("epochs_done", state.epochsDone());
        d.put("next_learning_rate", state.epochsDone() < header.config().epochs()
                ? (double) header.config().trainConfig().schedule().at(state.epochsDone()) : null);
        d.put("checkpoint_every", checkpointEvery);
        d.put("best_epoch", state.bestEpoch());
        d.put("best_validation_fused_accuracy", state.bestEpoch() < 0 ? null : state.bestAccuracy());
        d.put("elapsed_seconds", state.elapsedSeconds());
        d.put("state_file", stateName);
        d.put("state_sha256", HexFormat.of().formatHex(digest.digest()));
        d.put("settings", header.config().json());
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("name", header.datasetName());
        dataset.put("sha256", header.datasetChecksum());
        d.put("dataset", dataset);
        d.put("provenance", header.provenance());
        d.put("history", state.history());
        AtomicFiles.writeString(dir.resolve(DESCRIPTION), Json.write(d));
        deleteOtherStates(dir, stateName);
    }

    private static Map<String, NpyArray> arrays(TrainingState state) {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        put(arrays, PARAMETERS, state.parameters());
        put(arrays, MOMENTUM, state.momentum());
        if (state.best() != null) {
            put(arrays, BEST, state.best());
        }
        state.methodState().forEach((k, v) -> arrays.put(METHOD + k, NpyArray.ofDoubles(v, v.length)));
        return arrays;
    }

    private static void put(Map<String, NpyArray> arrays, String prefix, ParameterSnapshot snapshot) {
        snapshot.values().forEach((k, v) -> arrays.put(prefix + k, NpyArray.ofFloats(v, snapshot.shapes().get(k))));
    }

    private static void deleteOtherStates(Path dir, String keep) {
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> STATE_FILE.matcher(p.getFileName().toString()).matches()
                    && !p.getFileName().toString().equals(keep)).forEach(AtomicFiles::deleteRecursively);
        } catch (IOException e) {
            // a stale state file wastes space but is never read: the JSON names the current one
        }
    }

    /** Reads the checkpoint of {@code runDir}; every problem names the file and what is wrong. */
    public static Saved load(Path runDir) {
        Path file = directory(runDir).resolve(DESCRIPTION);
        if (!Files.isDirectory(runDir)) {
            throw new InvalidInputException(runDir + ": run directory not found");
        }
        JsonNode d;
        try {
            d = Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            String finished = Files.exists(runDir.resolve(RunDirectory.METRICS))
                    ? "it is a finished run, nothing to resume" : "was the run started with --checkpoint-every?";
            throw InvalidInputException.inFile(runDir, "holds no checkpoint (" + DIRECTORY + "/" + DESCRIPTION
                    + " not found; " + finished + ")");
        } catch (JsonProcessingException e) {
            throw Json.invalid(file, e);
        } catch (IOException e) {
            throw InvalidInputException.inFile(file, "cannot be read (" + firstLine(e.getMessage()) + ")");
        }
        if (d == null || !FORMAT.equals(d.path("format").asText())) {
            throw InvalidInputException.inFile(file, "is not an mla4j checkpoint (\"format\" must be \"" + FORMAT + "\")");
        }
        int version = d.path("format_version").asInt(-1);
        if (version != 1 && version != VERSION) {
            throw InvalidInputException.inFile(file, "has format_version " + d.path("format_version")
                    + "; this mla4j reads versions 1 and " + VERSION);
        }
        try {
            RunConfig config = RunConfig.fromJson(required(d, "settings", file), file.toString());
            Map<String, Object> provenance = Json.MAPPER.convertValue(required(d, "provenance", file),
                    new TypeReference<LinkedHashMap<String, Object>>() { });
            JsonNode dataset = required(d, "dataset", file);
            Header header = new Header(config, provenance, required(dataset, "name", file).asText(),
                    required(dataset, "sha256", file).asText());
            List<EpochRecord> history = Json.MAPPER.convertValue(required(d, "history", file),
                    new TypeReference<ArrayList<EpochRecord>>() { });
            int epochsDone = required(d, "epochs_done", file).asInt(-1);
            int bestEpoch = required(d, "best_epoch", file).asInt(-2);
            // best_epoch −1: no epoch could be chosen yet (a two-stage method's teacher epochs)
            if (epochsDone < 1 || epochsDone > config.epochs() || history.size() != epochsDone
                    || bestEpoch < -1 || bestEpoch >= epochsDone) {
                throw InvalidInputException.inFile(file, "is inconsistent: epochs_done " + epochsDone + ", "
                        + history.size() + " history records, best_epoch " + bestEpoch + ", " + config.epochs()
                        + " epochs in the settings");
            }
            Map<String, NpyArray> arrays = readState(directory(runDir), required(d, "state_file", file).asText(),
                    required(d, "state_sha256", file).asText(), file);
            TrainingState state = new TrainingState(epochsDone, history, bestEpoch,
                    bestEpoch < 0 ? Double.NaN : required(d, "best_validation_fused_accuracy", file).asDouble(),
                    bestEpoch < 0 ? null : snapshot(arrays, BEST), snapshot(arrays, PARAMETERS),
                    snapshot(arrays, MOMENTUM), methodState(arrays), d.path("elapsed_seconds").asDouble(0));
            if (state.parameters().values().isEmpty() || (bestEpoch >= 0 && state.best() == null)) {
                throw InvalidInputException.inFile(file, "names a state file without parameters");
            }
            return new Saved(header, Math.max(0, d.path("checkpoint_every").asInt(0)), state, file);
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw InvalidInputException.inFile(file, "is incomplete or malformed (" + firstLine(e.getMessage()) + ")");
        }
    }

    private static Map<String, NpyArray> readState(Path dir, String name, String expectedSha, Path description) {
        if (!STATE_FILE.matcher(name).matches()) {
            // only a bare name of the expected form: a checkpoint cannot point outside its folder
            throw InvalidInputException.inFile(description, "names the state file \"" + name
                    + "\", expected state-epochNNNN.npz in the same folder");
        }
        Path stateFile = dir.resolve(name);
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(stateFile)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        } catch (NoSuchFileException e) {
            throw InvalidInputException.inFile(stateFile, "file not found (named by " + description.getFileName() + ")");
        } catch (IOException e) {
            throw InvalidInputException.inFile(stateFile, "cannot be read (" + e.getMessage() + ")");
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equalsIgnoreCase(expectedSha)) {
            throw InvalidInputException.inFile(stateFile, "is damaged: its SHA-256 is " + actual + " but "
                    + description.getFileName() + " recorded " + expectedSha);
        }
        return Npz.read(stateFile);
    }

    private static ParameterSnapshot snapshot(Map<String, NpyArray> arrays, String prefix) {
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        arrays.forEach((k, a) -> {
            if (k.startsWith(prefix)) {
                values.put(k.substring(prefix.length()), a.floats());
                shapes.put(k.substring(prefix.length()), a.shape());
            }
        });
        return prefix.equals(BEST) && values.isEmpty() ? null : ParameterSnapshot.of(values, shapes);
    }

    private static Map<String, double[]> methodState(Map<String, NpyArray> arrays) {
        Map<String, double[]> out = new LinkedHashMap<>();
        arrays.forEach((k, a) -> {
            if (k.startsWith(METHOD)) {
                double[] exact = a.doubles();
                if (exact == null) {
                    float[] f = a.floats();
                    exact = new double[f.length];
                    for (int i = 0; i < f.length; i++) {
                        exact[i] = f[i];
                    }
                }
                out.put(k.substring(METHOD.length()), exact);
            }
        });
        return out;
    }

    private static JsonNode required(JsonNode node, String key, Path file) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw InvalidInputException.inFile(file, "lacks the key \"" + key + "\"");
        }
        return v;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
