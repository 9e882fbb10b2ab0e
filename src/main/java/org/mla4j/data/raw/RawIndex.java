package org.mla4j.data.raw;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mla4j.io.InvalidInputException;

/**
 * The {@code index.csv} of the av_mnist_fsdd raw dataset: header {@code id,label,split,speaker,audio,image},
 * one sample per line, media paths relative to the CSV's folder, read as a {@link CsvTable}. (Raw
 * datasets in general are described by a manifest: see {@link RawManifest}.) Columns may come in any order and
 * extra columns are allowed; {@code id}, {@code label}, {@code audio} and {@code image} are required.
 *
 * @param file the CSV file
 * @param rows the samples in file order
 */
public record RawIndex(Path file, List<Row> rows) {

    /**
     * One sample.
     *
     * @param line  1-based line number in the CSV (for messages)
     * @param audio resolved path of the audio file
     * @param image resolved path of the image file
     */
    public record Row(int line, String id, String label, String split, String speaker, Path audio, Path image) {
    }

    public int size() {
        return rows.size();
    }

    public Row row(int i) {
        return rows.get(i);
    }

    /** Reads and validates an index file. */
    public static RawIndex read(Path csv) {
        CsvTable table = CsvTable.read(csv, "id,label,split,speaker,audio,image");
        int id = table.requireColumn("id");
        int label = table.requireColumn("label");
        int audio = table.requireColumn("audio");
        int image = table.requireColumn("image");
        int split = table.column("split");
        int speaker = table.column("speaker");
        Path dir = csv.toAbsolutePath().getParent();
        List<Row> rows = new ArrayList<>();
        for (CsvTable.Row r : table.rows()) {
            rows.add(new Row(r.line(), r.get(id), r.get(label), split >= 0 ? r.get(split) : "",
                    speaker >= 0 ? r.get(speaker) : "", resolve(dir, r.get(audio), csv, r.line()),
                    resolve(dir, r.get(image), csv, r.line())));
        }
        return new RawIndex(csv, List.copyOf(rows));
    }

    private static Path resolve(Path dir, String rel, Path csv, int line) {
        if (rel.isEmpty()) {
            throw InvalidInputException.inFile(csv, "line " + line + " has an empty media path");
        }
        try {
            return dir.resolve(rel).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw InvalidInputException.inFile(csv, "line " + line + " has an invalid path '" + rel + "'");
        }
    }
}
