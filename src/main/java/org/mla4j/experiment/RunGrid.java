package org.mla4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Json;
import org.mla4j.run.RunConfig;
import org.mla4j.run.RunDirectory;
import org.mla4j.train.EpochListener;

/**
 * Trains a list of runs, each into its own run directory — one after the other in this JVM, or by
 * another {@link RunExecutor} — and returns their summaries in order. Resumable: a run whose directory already holds {@code metrics.json} is not
 * trained again (its summary is read back), provided it was made with the same settings and the same
 * data; otherwise it is reported as a conflict rather than silently mixed into the results. A run
 * directory only appears once its run is complete ({@link RunDirectory}), so an interrupted grid
 * leaves only finished runs behind. A run that diverges is reported and left out; the grid goes on.
 */
public final class RunGrid {
    /**
     * One run of the grid: its settings, where its run directory goes, and how progress and failures
     * name it ({@code name}; null: "method seed S").
     */
    public record Entry(RunConfig config, Path directory, String name) {
        public Entry(RunConfig config, Path directory) {
            this(config, directory, null);
        }

        public String label() {
            return name != null ? name : config.method() + " seed " + config.seed();
        }
    }

    /** Told about the grid's progress. {@code index} counts from 1 over all entries. */
    public interface Listener {
        default void skipped(Entry entry, int index, int total) {
        }

        /** A run starts; the returned listener sees its epochs. */
        default EpochListener started(Entry entry, int index, int total) {
            return EpochListener.NONE;
        }

        default void finished(Entry entry, int index, int total, RunSummary summary, double seconds) {
        }

        /** A run diverged; the grid goes on with the next one. */
        default void failed(Entry entry, int index, int total, String reason) {
        }

        /** A run was not trained: its training is {@code source}'s, whose run directory it got a copy of. */
        default void shared(Entry entry, int index, int total, Entry source) {
        }
    }

    /** What the grid produced: the summaries of the finished runs, and the runs that diverged. */
    public record Result(List<RunSummary> summaries, List<String> failures) {
    }

    private RunGrid() {
    }

    /**
     * The entries {@link #run} will train: not finished yet, and not sharing the training of an
     * earlier entry ({@link SharedTraining}: same settings but the missing rate, and the same mask).
     */
    public static List<Entry> trainList(List<Entry> entries, MultimodalDataset dataset) {
        int[] sources = sharedSources(entries, dataset);
        List<Entry> train = new ArrayList<>();
        for (int i = 0; i < sources.length; i++) {
            if (!isDone(entries.get(i)) && sources[i] < 0) {
                train.add(entries.get(i));
            }
        }
        return train;
    }

    /** For each entry, the index of the earlier entry whose training it shares ({@link SharedTraining}), or −1. */
    public static int[] sharedSources(List<Entry> entries, MultimodalDataset dataset) {
        return SharedTraining.sources(entries, dataset);
    }

    /** Whether {@code entry}'s run directory already holds a finished run. */
    public static boolean isDone(Entry entry) {
        return Files.isRegularFile(entry.directory().resolve(RunDirectory.METRICS));
    }

    /**
     * Runs (or reuses) every entry on {@code dataset}, one after the other in this JVM.
     *
     * @param provenance gives what is written into each new run's config.json (asked once per run, so
     *                   each run records its own creation time)
     */
    public static Result run(List<Entry> entries, MultimodalDataset dataset,
                             Supplier<Map<String, Object>> provenance, Listener listener) {
        return run(entries, dataset, provenance, listener, RunExecutor.IN_PROCESS);
    }

    /**
     * Runs (or reuses) every entry on {@code dataset}: the finished ones are reported as skipped, the
     * others are trained by {@code executor}, except an entry whose training is an earlier entry's
     * ({@link SharedTraining}), which gets a copy of that entry's run directory once it is finished.
     * The summaries come back in the entries' order, whatever order the executor finished them in.
     */
    public static Result run(List<Entry> entries, MultimodalDataset dataset,
                             Supplier<Map<String, Object>> provenance, Listener listener, RunExecutor executor) {
        requireReusable(entries, dataset);
        int total = entries.size();
        int[] sources = SharedTraining.sources(entries, dataset);
        Map<Integer, List<Integer>> waiting = new LinkedHashMap<>(); // entry index -> the entries sharing its training
        Map<Path, String> failed = new LinkedHashMap<>();
        List<RunExecutor.Job> todo = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            Entry entry = entries.get(i);
            if (isDone(entry)) {
                listener.skipped(entry, i + 1, total);
            } else if (sources[i] >= 0 && isDone(entries.get(sources[i]))) {
                share(entries, sources[i], i, listener, failed);
            } else if (sources[i] >= 0) {
                waiting.computeIfAbsent(sources[i], k -> new ArrayList<>()).add(i);
            } else {
                todo.add(new RunExecutor.Job(entry, i + 1, total));
            }
        }
        executor.train(todo, dataset, provenance, new Listener() {
            @Override
            public EpochListener started(Entry entry, int index, int count) {
                return listener.started(entry, index, count);
            }

            @Override
            public void finished(Entry entry, int index, int count, RunSummary summary, double seconds) {
                listener.finished(entry, index, count, summary, seconds);
                for (int i : waiting.getOrDefault(index - 1, List.of())) {
                    share(entries, index - 1, i, listener, failed);
                }
            }

            @Override
            public void failed(Entry entry, int index, int count, String reason) {
                failed.put(entry.directory(), entry.label() + ": " + reason);
                listener.failed(entry, index, count, reason);
                for (int i : waiting.getOrDefault(index - 1, List.of())) {
                    Entry copy = entries.get(i);
                    String why = reason + " (in " + entry.label() + ", whose training this run shares)";
                    failed.put(copy.directory(), copy.label() + ": " + why);
                    listener.failed(copy, i + 1, count, why);
                }
            }
        });
        List<RunSummary> summaries = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Entry entry : entries) {
            if (isDone(entry)) {
                summaries.add(RunSummary.read(entry.directory().resolve(RunDirectory.METRICS)));
            } else if (failed.containsKey(entry.directory())) {
                failures.add(failed.get(entry.directory()));
            }
        }
        return new Result(summaries, failures);
    }

    /** Gives entry {@code to} a copy of entry {@code from}'s finished run directory. */
    private static void share(List<Entry> entries, int from, int to, Listener listener, Map<Path, String> failed) {
        Entry source = entries.get(from);
        Entry target = entries.get(to);
        try {
            SharedTraining.copy(source, target);
        } catch (java.io.UncheckedIOException e) {
            failed.put(target.directory(), target.label() + ": " + e.getMessage());
            listener.failed(target, to + 1, entries.size(), e.getMessage());
            return;
        }
        listener.shared(target, to + 1, entries.size(), source);
    }

    /**
     * Refuses, before anything is trained, a grid whose directory holds a finished run made with
     * other settings or data than the grid's run of the same name.
     */
    public static void requireReusable(List<Entry> entries, MultimodalDataset dataset) {
        for (Entry entry : entries) {
            if (isDone(entry)) {
                requireSameSettings(entry, dataset);
            }
        }
    }

    /**
     * A finished run is reused only if its recorded settings equal the entry's (the dataset path aside,
     * which may be spelled differently) and its data has the same checksum.
     */
    static void requireSameSettings(Entry entry, MultimodalDataset dataset) {
        Path configFile = entry.directory().resolve(RunDirectory.CONFIG);
        JsonNode recorded;
        try {
            recorded = Json.MAPPER.readTree(Files.readAllBytes(configFile));
        } catch (IOException e) {
            throw InvalidInputException.inFile(configFile, "cannot be read (" + e.getMessage()
                    + "); delete the run directory to redo it");
        }
        JsonNode settings;
        JsonNode wanted;
        try {
            // both as they read back from a file, the recorded one in today's layout
            settings = Json.MAPPER.readTree(Json.write(RunConfig.fromJson(recorded.path("settings"),
                    configFile.toString()).json()));
            wanted = Json.MAPPER.readTree(Json.write(entry.config().json()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (settings instanceof ObjectNode s) {
            s.remove("data");
        }
        ((ObjectNode) wanted).remove("data");
        String checksum = recorded.path("dataset").path("sha256").asText("");
        if (!settings.equals(wanted) || !checksum.equals(dataset.checksum())) {
            throw new InvalidInputException(entry.directory() + " holds a finished run made with other settings or data"
                    + " than this one (" + difference(settings, wanted, checksum, dataset.checksum())
                    + "); use another --out, or delete that run directory to redo it");
        }
    }

    private static String difference(JsonNode recorded, JsonNode wanted, String recordedSum, String wantedSum) {
        if (!recordedSum.equals(wantedSum)) {
            return "dataset checksum differs";
        }
        List<String> fields = new ArrayList<>();
        differences("", recorded, wanted, fields);
        return fields.isEmpty() ? "settings differ" : "recorded vs this one: " + String.join(", ", fields);
    }

    /** The keys (dotted, down to single values) whose values differ. */
    private static void differences(String prefix, JsonNode recorded, JsonNode wanted, List<String> out) {
        wanted.fieldNames().forEachRemaining(name -> {
            JsonNode w = wanted.get(name);
            JsonNode r = recorded == null ? null : recorded.get(name);
            if (w.isObject() && r != null && r.isObject()) {
                differences(prefix + name + ".", r, w, out);
            } else if (!w.equals(r)) {
                out.add(prefix + name + " " + r + " vs " + w);
            }
        });
    }
}
