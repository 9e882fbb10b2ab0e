package org.mla4j.data.raw;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mla4j.io.InvalidInputException;

/**
 * A CSV file with a header line, read strictly: UTF-8 (a leading byte-order mark is dropped), one
 * record per line, fields separated by commas and trimmed, a field may be double-quoted (RFC 4180:
 * {@code ""} inside quotes is a quote, commas inside quotes are kept); quoted fields cannot span
 * lines. Blank lines are skipped. Guarantees: the header is non-empty with distinct column names,
 * and every row has exactly as many fields as the header. Problems are {@link InvalidInputException}s
 * naming the file and the line.
 *
 * @param file   the CSV file
 * @param header column names in file order
 * @param rows   records in file order
 */
public record CsvTable(Path file, List<String> header, List<Row> rows) {

    /**
     * One record.
     *
     * @param line   1-based line number in the file
     * @param fields one value per header column
     */
    public record Row(int line, List<String> fields) {
        public String get(int column) {
            return fields.get(column);
        }
    }

    public CsvTable {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    public int size() {
        return rows.size();
    }

    public Row row(int i) {
        return rows.get(i);
    }

    /** Index of a column, or -1 if the header lacks it. */
    public int column(String name) {
        return header.indexOf(name);
    }

    /** Index of a column that must exist. */
    public int requireColumn(String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw InvalidInputException.inFile(file, "header lacks the column '" + name + "' (found: "
                    + String.join(",", header) + ")");
        }
        return i;
    }

    /**
     * Reads a CSV file.
     *
     * @param headerHint what the header should look like, for the message about an empty file
     */
    public static CsvTable read(Path csv, String headerHint) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw InvalidInputException.inFile(csv, "file not found");
        } catch (CharacterCodingException e) {
            throw InvalidInputException.inFile(csv, "cannot be read as UTF-8 text (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw InvalidInputException.inFile(csv, "cannot be read (" + e.getMessage() + ")");
        }
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw InvalidInputException.inFile(csv, "empty index file; expected a header " + headerHint);
        }
        String head = lines.get(0);
        if (head.startsWith("\uFEFF")) {
            head = head.substring(1);
        }
        List<String> header = split(head, csv, 1);
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).isEmpty()) {
                throw InvalidInputException.inFile(csv, "header column " + (i + 1) + " has no name");
            }
            if (header.indexOf(header.get(i)) != i) {
                throw InvalidInputException.inFile(csv, "header names the column '" + header.get(i) + "' twice");
            }
        }
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
            rows.add(new Row(i + 1, List.copyOf(f)));
        }
        return new CsvTable(csv, header, rows);
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
            } else if (c == '"' && cur.toString().isBlank()) {
                cur.setLength(0);
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
