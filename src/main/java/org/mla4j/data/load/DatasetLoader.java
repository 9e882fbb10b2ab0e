package org.mla4j.data.load;

import java.nio.file.Path;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.folder.FeatureFolder;
import org.mla4j.data.raw.RawDatasetLoader;
import org.mla4j.data.raw.RawManifest;

/**
 * Loads any dataset mla4j reads: a features folder ({@link FeatureFolder}) or a raw dataset whose
 * manifest says {@code "format": "raw"} ({@link RawDatasetLoader}: features extracted from the media
 * files, or read from the cache). Given a folder, its {@code manifest.json}, or a raw dataset's
 * {@code index.csv}. Every problem is one {@link org.mla4j.io.InvalidInputException} naming the file.
 */
public final class DatasetLoader {
    private DatasetLoader() {
    }

    public static MultimodalDataset load(Path dirOrManifest) {
        Path manifestPath = FeatureFolder.manifestFile(dirOrManifest);
        byte[] manifestBytes = FeatureFolder.readManifest(manifestPath);
        if (RawManifest.isRaw(manifestBytes)) {
            return RawDatasetLoader.load(manifestPath, manifestBytes);
        }
        return FeatureFolder.load(manifestPath, manifestBytes);
    }
}
