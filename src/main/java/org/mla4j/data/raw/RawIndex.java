package org.mla4j.data.raw;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mla4j.data.InvalidInputException;

/**
 * The {@code index.csv} of a raw dataset: header {@code id,label,split,speaker,audio,image}, one
 * sample per line, media paths relative to the CSV's folder. Fields may be double-quoted
 * (RFC 4180, {@code ""} for a quote); blank lines are ignored. Columns may come in any order and
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
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw InvalidInputException.inFile(csv, "file not found");
        } catch (IOException e) {
            throw InvalidInputException.inFile(csv, "cannot be read as UTF-8 text (" + e.getMessage() + ")");
        }
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw InvalidInputException.inFile(csv, "empty index file; expected a header id,label,split,speaker,audio,image");
        }
        String head = lines.get(0);
        if (head.startsWith("\uFEFF")) {
            head = head.substring(1);
        }
        List<String> header = split(head, csv, 1);
        int id = column(header, "id", csv);
        int label = column(header, "label", csv);
        int audio = column(header, "audio", csv);
        int image = column(header, "image", csv);
        int split = header.indexOf("split");
        int speaker = header.indexOf("speaker");
        Path dir = csv.toAbsolutePath().getParent();
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            List<String> f = split(line, csv, i + 1);
            if (f.size() != header.size()) {
                throw InvalidInputException.inFile(csv, "line " + (i + 1) + " has " + f.size() + " fields, the header has "
                        + header.size());
            }
            rows.add(new Row(i + 1, f.get(id), f.get(label), split >= 0 ? f.get(split) : "",
                    speaker >= 0 ? f.get(speaker) : "", resolve(dir, f.get(audio), csv, i + 1),
                    resolve(dir, f.get(image), csv, i + 1)));
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

    private static int column(List<String> header, String name, Path csv) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw InvalidInputException.inFile(csv, "header lacks the column '" + name + "' (found: "
                    + String.join(",", header) + ")");
        }
        return i;
    }

    private static List<String> split(String line, Path csv, int lineNo) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && cur.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw InvalidInputException.inFile(csv, "line " + lineNo + " has an unterminated quoted field");
        }
        out.add(cur.toString().trim());
        return out;
    }
}
