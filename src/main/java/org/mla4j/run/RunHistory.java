package org.mla4j.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mla4j.io.InvalidInputException;

/**
 * A run's {@code history.csv} read back: one row per epoch, one numeric column per header name
 * ({@code epoch}, {@code learning_rate}, the losses, {@code val_fused_accuracy},
 * {@code val_accuracy_<modality>}, ...). An empty cell (a modality without a unimodal output) reads
 * as NaN. The {@code epoch} column numbers epochs from 1; a file written before 2026-12-02 counted
 * from 0 (its first row is epoch 0: a history always starts at the first epoch) and is read shifted
 * by one, so old and new run folders report the same epochs.
 */
public final class RunHistory {
    /** Prefix of the per-modality validation accuracy columns. */
    public static final String MODALITY_ACCURACY = "val_accuracy_";
    /** The validation fused accuracy column. */
    public static final String FUSED_ACCURACY = "val_fused_accuracy";

    private final Map<String, double[]> columns;
    private final int epochs;

    private RunHistory(Map<String, double[]> columns, int epochs) {
        this.columns = columns;
        this.epochs = epochs;
    }

    /** Reads {@code runDir/history.csv}. */
    public static RunHistory read(Path runDir) {
        Path file = runDir.resolve(RunDirectory.HISTORY);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw InvalidInputException.inFile(file, "not found");
        } catch (IOException e) {
            throw InvalidInputException.inFile(file, "cannot be read (" + e.getMessage() + ")");
        }
        if (lines.isEmpty()) {
            throw InvalidInputException.inFile(file, "is empty");
        }
        String[] header = lines.get(0).split(",", -1);
        List<String> body = lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (String name : header) {
            columns.put(name, new double[body.size()]);
        }
        for (int i = 0; i < body.size(); i++) {
            String[] cells = body.get(i).split(",", -1);
            if (cells.length != header.length) {
                throw InvalidInputException.inFile(file, "line " + (i + 2) + " has " + cells.length + " fields, the header "
                        + header.length);
            }
            for (int c = 0; c < header.length; c++) {
                try {
                    columns.get(header[c])[i] = cells[c].isBlank() ? Double.NaN : Double.parseDouble(cells[c]);
                } catch (NumberFormatException e) {
                    throw InvalidInputException.inFile(file, "line " + (i + 2) + ", column '" + header[c]
                            + "': not a number: '" + cells[c] + "'");
                }
            }
        }
        double[] epoch = columns.get("epoch");
        if (epoch != null && epoch.length > 0 && epoch[0] == 0) {
            for (int i = 0; i < epoch.length; i++) {
                epoch[i] += 1;
            }
        }
        return new RunHistory(columns, body.size());
    }

    public int epochs() {
        return epochs;
    }

    /** Column names in file order. */
    public List<String> names() {
        return new ArrayList<>(columns.keySet());
    }

    /** A column's values by epoch, or null when the file has no such column. */
    public double[] column(String name) {
        double[] c = columns.get(name);
        return c == null ? null : c.clone();
    }
}
