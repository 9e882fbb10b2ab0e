package org.mla4j.data.raw;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.mla4j.data.DatasetFolder;
import org.mla4j.io.InvalidInputException;

/**
 * A raw dataset's index resolved against its manifest: per sample an id, a class id and (if the
 * index has a split column) its split, and per modality the files of each sample. Nothing is
 * decoded here.
 *
 * <p>Guarantees: at least one sample; labels in [0, classNames.size()) with at least two classes;
 * every listed file lies inside the dataset folder (absolute paths, {@code ..} that climbs out and
 * symbolic links that lead out are rejected); an empty cell means the modality is absent for that
 * sample, and every sample has at least one modality; with a split column every value is
 * {@code train} or {@code test} (any case) and both splits are non-empty. Errors name the index file,
 * the line and the column.
 *
 * @param indexFile  the CSV
 * @param ids        sample ids (the id column, or the line number without one)
 * @param lines      the CSV line of each sample
 * @param labels     class id of each sample
 * @param classNames the manifest's, or the sorted distinct labels (numerically when all are integers
 *                   ≥ 0: then class c is the label "c" and the classes are 0 … max)
 * @param train      rows in the train split, or null without a split column
 * @param test       rows in the test split, or null without a split column
 * @param files      per modality, per sample: the files (empty when absent, and for inline modalities)
 * @param inline     per modality: for a modality whose recipe reads its cells inline
 *                   ({@link FeatureRecipe#inlineCells()}, e.g. text written in the index) every
 *                   sample's cell ("" when absent); null for the other modalities
 */
public record RawTable(RawManifest manifest, Path indexFile, List<String> ids, int[] lines, int[] labels,
                       List<String> classNames, int[] train, int[] test, List<List<List<Path>>> files,
                       List<List<String>> inline) {

    public int size() {
        return labels.length;
    }

    public boolean hasSplit() {
        return train != null;
    }

    /** Reads the manifest's index and resolves every cell. */
    public static RawTable resolve(RawManifest mf) {
        DatasetFolder manifestFolder = new DatasetFolder(mf.dir(), mf.file());
        Path indexFile = manifestFolder.resolve(mf.index(), "index");
        List<String> hint = new ArrayList<>(List.of(mf.idColumn(), mf.labelColumn()));
        mf.modalities().forEach(e -> hint.add(e.column()));
        CsvTable csv = CsvTable.read(indexFile, String.join(",", hint));
        if (csv.size() == 0) {
            throw InvalidInputException.inFile(indexFile, "lists no sample (only a header)");
        }
        int idCol = csv.column(mf.idColumn());
        int labelCol = csv.requireColumn(mf.labelColumn());
        int splitCol = mf.splitColumn() == null ? -1
                : mf.splitExplicit() ? csv.requireColumn(mf.splitColumn()) : csv.column(mf.splitColumn());
        int[] columns = mf.modalities().stream().mapToInt(e -> csv.requireColumn(e.column())).toArray();
        int n = csv.size();

        List<String> ids = new ArrayList<>(n);
        int[] lines = new int[n];
        for (int i = 0; i < n; i++) {
            lines[i] = csv.row(i).line();
            ids.add(idCol >= 0 ? csv.row(i).get(idCol) : Integer.toString(lines[i]));
        }
        List<String> classNames = mf.classNames() != null ? mf.classNames() : deriveClasses(csv, labelCol);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            String v = csv.row(i).get(labelCol);
            labels[i] = classNames.indexOf(v);
            if (labels[i] < 0) {
                throw at(indexFile, lines[i], mf.labelColumn(), "label \"" + v + "\" is not a class name; the classes are "
                        + String.join(", ", classNames.size() <= 20 ? classNames : classNames.subList(0, 20))
                        + (classNames.size() > 20 ? ", ..." : ""));
            }
        }

        int[] train = null;
        int[] test = null;
        if (splitCol >= 0) {
            List<Integer> tr = new ArrayList<>();
            List<Integer> te = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String v = csv.row(i).get(splitCol).toLowerCase(Locale.ROOT);
                switch (v) {
                    case "train" -> tr.add(i);
                    case "test" -> te.add(i);
                    default -> throw at(indexFile, lines[i], mf.splitColumn(), "split is \"" + csv.row(i).get(splitCol)
                            + "\" but must be train or test (validation rows are carved from train)");
                }
            }
            if (tr.isEmpty() || te.isEmpty()) {
                throw InvalidInputException.inFile(indexFile, "column '" + mf.splitColumn() + "' puts no sample in the "
                        + (tr.isEmpty() ? "train" : "test") + " split");
            }
            train = tr.stream().mapToInt(Integer::intValue).toArray();
            test = te.stream().mapToInt(Integer::intValue).toArray();
        }

        DatasetFolder media = new DatasetFolder(mf.dir(), indexFile);
        List<List<List<Path>>> files = new ArrayList<>();
        List<List<String>> inline = new ArrayList<>();
        boolean[] any = new boolean[n];
        for (int m = 0; m < columns.length; m++) {
            RawManifest.Entry e = mf.modalities().get(m);
            List<List<Path>> perRow = new ArrayList<>(n);
            if (e.recipe().inlineCells()) {
                List<String> cells = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    cells.add(csv.row(i).get(columns[m]));
                    any[i] |= !cells.get(i).isEmpty();
                    perRow.add(List.of());
                }
                inline.add(java.util.Collections.unmodifiableList(cells));
                files.add(perRow);
                continue;
            }
            inline.add(null);
            for (int i = 0; i < n; i++) {
                String cell = csv.row(i).get(columns[m]);
                if (cell.isEmpty()) {
                    perRow.add(List.of());
                    continue;
                }
                any[i] = true;
                List<String> parts = e.recipe().multipleFiles()
                        ? List.of(cell.split(java.util.regex.Pattern.quote(mf.listSeparator()), -1)) : List.of(cell);
                List<Path> paths = new ArrayList<>(parts.size());
                for (String part : parts) {
                    String rel = part.trim();
                    String where = "line " + lines[i] + ", column '" + e.column() + "'";
                    if (rel.isEmpty()) {
                        throw InvalidInputException.inFile(indexFile, where + " has an empty file name in \"" + cell + "\"");
                    }
                    paths.add(media.resolve(rel, where));
                }
                perRow.add(List.copyOf(paths));
            }
            files.add(perRow);
        }
        for (int i = 0; i < n; i++) {
            if (!any[i]) {
                throw InvalidInputException.inFile(indexFile, "line " + lines[i] + " has no modality (every modality cell is"
                        + " empty); each sample needs at least one");
            }
        }
        return new RawTable(mf, indexFile, List.copyOf(ids), lines, labels, classNames, train, test, files,
                java.util.Collections.unmodifiableList(inline));
    }

    private static List<String> deriveClasses(CsvTable csv, int labelCol) {
        TreeSet<String> distinct = new TreeSet<>();
        boolean integers = true;
        int max = -1;
        for (CsvTable.Row r : csv.rows()) {
            String v = r.get(labelCol);
            if (v.isEmpty()) {
                throw at(csv.file(), r.line(), csv.header().get(labelCol), "label is empty");
            }
            distinct.add(v);
            if (integers && v.matches("0|[1-9][0-9]{0,8}")) {
                max = Math.max(max, Integer.parseInt(v));
            } else {
                integers = false;
            }
        }
        List<String> names = new ArrayList<>();
        if (integers) {
            for (int c = 0; c <= max; c++) {
                names.add(Integer.toString(c));
            }
        } else {
            names.addAll(distinct);
        }
        if (names.size() < 2) {
            throw InvalidInputException.inFile(csv.file(), "column '" + csv.header().get(labelCol)
                    + "' holds a single class; classification needs at least two");
        }
        return names;
    }

    private static InvalidInputException at(Path file, int line, String column, String problem) {
        return InvalidInputException.inFile(file, "line " + line + ", column '" + column + "': " + problem);
    }
}
