package org.mla4j.data.raw;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.folder.NpyDatasetWriter;
import org.mla4j.io.AtomicFiles;

/**
 * The features of a raw dataset, in memory, with what is needed to write them as a {@code .npy}
 * dataset that records its origin: per modality its kind, column and preprocessing parameters, and
 * the source (manifest, index, content checksum).
 *
 * @param dataset        the dataset (its checksum is the raw content checksum)
 * @param ids            sample ids in row order
 * @param splitSource    how train/test were made
 * @param modalityExtras per modality: kind, column, preprocessing
 * @param source         where the features come from
 * @param seconds        time the extraction took
 */
public record ExtractedDataset(MultimodalDataset dataset, List<String> ids, String splitSource,
                               List<Map<String, Object>> modalityExtras, Map<String, Object> source, double seconds) {

    /** Writes the {@code .npy} layout straight into {@code dir}. */
    public void writeTo(Path dir) {
        NpyDatasetWriter.write(dir, dataset, splitSource, ids, modalityExtras, Map.of("source", source,
                "extracted_by", "mla4j " + org.mla4j.io.Versions.mla4j()));
    }

    /**
     * Writes the {@code .npy} layout to {@code target} all at once: built in a hidden staging folder
     * beside it and renamed into place, so {@code target} never holds a partial dataset. An existing
     * {@code target} is replaced only when {@code replace} is set.
     */
    public void writeAtomically(Path target, boolean replace) {
        Path staging = AtomicFiles.stagingDirectoryFor(target);
        try {
            writeTo(staging);
            AtomicFiles.commitDirectory(staging, target, replace);
        } finally {
            AtomicFiles.deleteRecursively(staging);
        }
    }
}
