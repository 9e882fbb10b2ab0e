package org.mla4j.data.raw;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mla4j.data.Modality;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.folder.FeatureFolder;
import org.mla4j.io.AtomicFiles;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a raw dataset (manifest with {@code "format": "raw"}, index, media files) as a
 * {@link MultimodalDataset}, through the {@link FeatureCache}: when a cached extraction with the same
 * key exists it is read (fast); otherwise every sample is extracted and the result is cached for the
 * next run. A log line says which happened. The returned dataset is the same either way: named as the
 * manifest says, located at the raw dataset folder, with the raw content checksum
 * ({@link FeatureExtraction}) as its checksum. {@link org.mla4j.data.load.DatasetLoader#load} calls this for raw manifests,
 * so every command accepts raw datasets.
 */
public final class RawDatasetLoader {
    private static final Logger LOG = LoggerFactory.getLogger(RawDatasetLoader.class);

    private RawDatasetLoader() {
    }

    /** Parses, resolves and loads; {@code manifestBytes} are the content of {@code manifestFile}. */
    public static MultimodalDataset load(Path manifestFile, byte[] manifestBytes) {
        RawManifest mf = RawManifest.parse(manifestBytes, manifestFile);
        RawTable table = RawTable.resolve(mf);
        String key = FeatureCache.key(manifestBytes, table);
        Path cache = FeatureCache.location(mf, key);
        if (cache != null && Files.isRegularFile(cache.resolve(FeatureFolder.MANIFEST))) {
            try {
                MultimodalDataset cached = readCache(cache, key, mf);
                LOG.info("{}: reusing cached features from {} (cache key {} matches)", mf.name(), cache, key.substring(0, 16));
                return cached;
            } catch (InvalidInputException | UncheckedIOException e) {
                LOG.warn("{}: cached features in {} are unusable ({}); extracting again", mf.name(), cache, e.getMessage());
            }
        }
        LOG.info("{}: {}; extracting features of {} samples{}", mf.name(),
                cache == null ? "feature cache is off" : "no cached features for this content and preprocessing (key "
                        + key.substring(0, 16) + ")", table.size(), cache == null ? "" : " into " + cache);
        int every = Math.max(1, table.size() / 10);
        ExtractedDataset extracted = RawExtractor.extract(mf, manifestBytes, table, FeatureExtraction.defaultThreads(),
                (done, total) -> {
                    if (done % every == 0 || done == total) {
                        LOG.info("{}: extracted {}/{} samples", mf.name(), done, total);
                    }
                });
        LOG.info("{}: extraction took {} s", mf.name(), String.format(java.util.Locale.ROOT, "%.1f", extracted.seconds()));
        if (cache != null) {
            store(extracted, cache, key, mf);
        }
        return extracted.dataset();
    }

    private static MultimodalDataset readCache(Path cache, String key, RawManifest mf) {
        JsonNode source;
        try {
            source = Json.MAPPER.readTree(Files.readAllBytes(cache.resolve(FeatureFolder.MANIFEST))).path("source");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!key.equals(source.path("cache_key").asText())) {
            throw new InvalidInputException("its cache key differs");
        }
        MultimodalDataset ds = FeatureFolder.load(cache);
        List<Modality> modalities = new ArrayList<>(); // a features folder knows no modules: the manifest names them
        for (int m = 0; m < ds.numModalities(); m++) {
            modalities.add(ds.modality(m).withPretrained(mf.modalities().get(m).recipe().trainableModule()));
        }
        return new MultimodalDataset(mf.name(), mf.dir(), modalities, ds.classNames(), featuresOf(ds), ds.labels(),
                presenceOf(ds), ds.trainIndices(), ds.testIndices(), source.path("content_sha256").asText());
    }

    private static void store(ExtractedDataset extracted, Path cache, String key, RawManifest mf) {
        Map<String, Object> source = new LinkedHashMap<>(extracted.source());
        source.put("cache_key", key);
        try {
            new ExtractedDataset(extracted.dataset(), extracted.ids(), extracted.splitSource(), extracted.modalityExtras(),
                    source, extracted.seconds()).writeAtomically(cache, true);
            LOG.info("{}: features cached in {}", mf.name(), cache);
            if (FeatureCache.isDatasetLocal(cache, mf)) {
                removeStaleEntries(cache);
            }
        } catch (UncheckedIOException e) {
            LOG.warn("{}: cannot write the feature cache ({}); set {} to a writable folder to keep features between runs",
                    mf.name(), e.getMessage(), FeatureCache.ENV);
        }
    }

    /** Deletes the other entries of a dataset-local cache folder: their keys no longer match the dataset. */
    private static void removeStaleEntries(Path keep) {
        try (Stream<Path> entries = Files.list(keep.getParent())) {
            entries.filter(p -> !p.getFileName().equals(keep.getFileName()) && !p.getFileName().toString().startsWith("."))
                    .forEach(AtomicFiles::deleteRecursively);
        } catch (IOException e) {
            // stale entries only cost disk space
        }
    }

    private static float[][] featuresOf(MultimodalDataset ds) {
        float[][] f = new float[ds.numModalities()][];
        for (int m = 0; m < f.length; m++) {
            f[m] = ds.features(m);
        }
        return f;
    }

    private static boolean[][] presenceOf(MultimodalDataset ds) {
        boolean[][] p = new boolean[ds.numModalities()][];
        for (int m = 0; m < p.length; m++) {
            p[m] = ds.present(m);
        }
        return p;
    }
}
