package org.mla4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.io.AtomicFiles;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Json;
import org.mla4j.run.RunConfig;
import org.mla4j.run.RunDirectory;
import org.mla4j.run.TrainingRun;

/**
 * Runs of a grid that would train exactly the same thing. A run's training reads its missing rate
 * only through the mask the rate draws ({@link TrainingRun#presenceWithMissing}), so two runs whose
 * settings agree apart from the rate and whose masks are equal are one computation, bit for bit. That
 * happens under the global protocol, where every rate at or above 1 − 1/M draws the same all-unimodal
 * mask (at M = 2: η = 0.5, 0.6 and 0.7). Such a run is not trained again: its run directory is a copy
 * of the first one's, with its own settings written in ({@code config.json}'s settings,
 * {@code metrics.json}'s {@code missing}) and {@value #SAME_AS} naming the run that was trained.
 */
final class SharedTraining {
    /** The key, in config.json and metrics.json, that names the run whose training a copied run shares. */
    static final String SAME_AS = "same_training_as";

    private SharedTraining() {
    }

    /**
     * For each entry, the index of the first earlier entry whose training is the same, or −1. An entry
     * whose mask cannot be drawn (bad settings) shares nothing, so it fails as it would alone.
     */
    static int[] sources(List<RunGrid.Entry> entries, MultimodalDataset dataset) {
        int[] source = new int[entries.size()];
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < source.length; i++) {
            String key;
            try {
                key = key(entries.get(i).config(), dataset);
            } catch (InvalidInputException e) {
                source[i] = -1;
                continue;
            }
            Integer earlier = first.putIfAbsent(key, i);
            source[i] = earlier == null ? -1 : earlier;
        }
        return source;
    }

    /** Everything a run's training depends on: its settings without the missing section, and its mask. */
    static String key(RunConfig config, MultimodalDataset dataset) {
        Map<String, Object> settings = new LinkedHashMap<>(config.json());
        settings.remove("missing");
        return Json.write(settings) + "\nmask " + digest(TrainingRun.presenceWithMissing(dataset, config.missing()));
    }

    private static String digest(boolean[][] presence) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (boolean[] modality : presence) {
                byte[] bytes = new byte[modality.length + 1];
                for (int i = 0; i < modality.length; i++) {
                    bytes[i] = (byte) (modality[i] ? 1 : 0);
                }
                bytes[modality.length] = 2; // separates the modalities
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code target}'s run directory as a copy of {@code source}'s finished one, atomically. */
    static void copy(RunGrid.Entry source, RunGrid.Entry target) {
        Path from = source.directory();
        Path staging = AtomicFiles.stagingDirectoryFor(target.directory());
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path to = staging.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
            String name = sourceName(source, target);
            ObjectNode config = read(staging.resolve(RunDirectory.CONFIG));
            config.set("settings", Json.MAPPER.valueToTree(target.config().json()));
            config.put(SAME_AS, name);
            AtomicFiles.writeString(staging.resolve(RunDirectory.CONFIG), Json.write(config));
            ObjectNode metrics = read(staging.resolve(RunDirectory.METRICS));
            metrics.set("missing", Json.MAPPER.valueToTree(target.config().missing().json()));
            metrics.put(SAME_AS, name);
            AtomicFiles.writeString(staging.resolve(RunDirectory.METRICS), Json.write(metrics));
            AtomicFiles.commitDirectory(staging, target.directory(), false);
        } catch (IOException e) {
            AtomicFiles.deleteRecursively(staging);
            throw new UncheckedIOException("cannot copy the run " + from + " to " + target.directory() + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            AtomicFiles.deleteRecursively(staging);
            throw e;
        }
    }

    /** The source as seen from the target's folder: its folder name when they are siblings. */
    private static String sourceName(RunGrid.Entry source, RunGrid.Entry target) {
        Path a = source.directory().toAbsolutePath().normalize();
        Path b = target.directory().toAbsolutePath().normalize();
        return a.getParent() != null && a.getParent().equals(b.getParent()) ? a.getFileName().toString() : a.toString();
    }

    private static ObjectNode read(Path file) throws IOException {
        JsonNode node = Json.MAPPER.readTree(Files.readAllBytes(file));
        if (!(node instanceof ObjectNode object)) {
            throw InvalidInputException.inFile(file, "is not a JSON object");
        }
        return object;
    }
}
