package org.mla4j.data.raw;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.mla4j.data.Modality;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Splits;
import org.mla4j.data.ValidationSplit;
import org.mla4j.data.folder.FeatureFolder;
import org.mla4j.io.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a resolved raw dataset into features: runs {@link FeatureExtraction} and assembles a
 * {@link MultimodalDataset} with one modality per manifest entry (shape from its recipe). The train
 * and test splits come from the index's split column; without one, the same stratified
 * {@value FeatureFolder#DEFAULT_TEST_PERCENT}% test split (seed {@value FeatureFolder#DEFAULT_SPLIT_SEED})
 * that {@link DatasetLoader} holds out is carved, so both routes give the same split.
 */
public final class RawExtractor {
    private static final Logger LOG = LoggerFactory.getLogger(RawExtractor.class);

    private RawExtractor() {
    }

    public static ExtractedDataset extract(RawManifest mf, byte[] manifestBytes, RawTable table, int threads,
                                           FeatureExtraction.Progress progress) {
        FeatureExtraction.Result r = FeatureExtraction.run(table, manifestBytes, threads, progress);
        List<Modality> modalities = new ArrayList<>();
        List<Map<String, Object>> extras = new ArrayList<>();
        for (RawManifest.Entry e : mf.modalities()) {
            modalities.add(new Modality(e.name(), e.recipe().dim(), e.recipe().shape(), e.recipe().trainableModule()));
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("kind", e.recipe().kind().label());
            x.put("column", e.column());
            x.put("preprocessing", e.recipe().describe());
            extras.add(x);
        }
        int[] train;
        int[] test;
        String splitSource;
        if (table.hasSplit()) {
            train = table.train();
            test = table.test();
            splitSource = "column '" + mf.splitColumn() + "' of " + table.indexFile().getFileName();
        } else {
            int[] all = IntStream.range(0, table.size()).toArray();
            Splits s = ValidationSplit.carve(all, table.labels(), table.classNames().size(),
                    FeatureFolder.DEFAULT_TEST_PERCENT / 100.0, FeatureFolder.DEFAULT_SPLIT_SEED);
            train = s.fit();
            test = s.validation();
            if (test.length == 0) {
                throw InvalidInputException.inFile(table.indexFile(), "has no split column, and no class has two samples"
                        + " to hold one out for testing");
            }
            splitSource = "stratified " + FeatureFolder.DEFAULT_TEST_PERCENT + "% test split carved by mla4j (seed "
                    + FeatureFolder.DEFAULT_SPLIT_SEED + "); the index has no split column";
            LOG.info("{}: no split column in the index; holding out a stratified {}% test split (seed {}): {} train, {} test",
                    mf.name(), FeatureFolder.DEFAULT_TEST_PERCENT, FeatureFolder.DEFAULT_SPLIT_SEED, train.length, test.length);
        }
        MultimodalDataset ds = new MultimodalDataset(mf.name(), mf.dir(), modalities, table.classNames(), r.features(),
                table.labels(), r.present(), train, test, r.contentChecksum());
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("format", RawManifest.FORMAT);
        source.put("manifest", mf.file().toAbsolutePath().normalize().toString());
        source.put("index", table.indexFile().toAbsolutePath().normalize().toString());
        source.put("num_samples", table.size());
        source.put("content_sha256", r.contentChecksum());
        return new ExtractedDataset(ds, table.ids(), splitSource, extras, source, r.seconds());
    }
}
