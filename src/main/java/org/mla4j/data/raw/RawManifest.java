package org.mla4j.data.raw;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Json;
import org.mla4j.io.ManifestKeys;

/**
 * The manifest of a raw dataset ({@code manifest.json} with {@code "format": "raw"}, beside an
 * {@code index.csv}); see {@code docs/data-format.md}. No data file is read here.
 *
 * <p>Guarantees after {@link #parse}: a non-empty {@code name}; an index file name; id, label and
 * (optional) split column names; {@code classNames} null or at least two distinct names; a
 * non-empty list separator; at least one modality, names unique and matching
 * {@code [A-Za-z0-9_.-]+}, each with a column and a valid {@link FeatureRecipe}. Unknown keys inside a
 * modality or its {@code params} are errors (they are usually typos); other top-level keys are
 * descriptive and ignored. Every problem is an {@link InvalidInputException} naming the manifest and
 * the key.
 *
 * @param file          the manifest
 * @param name          dataset name
 * @param index         index file name, relative to the manifest's folder (default {@code index.csv})
 * @param idColumn      column of sample ids (default {@code id}; optional in the CSV: without it the
 *                      id of a sample is its line number)
 * @param labelColumn   column of class labels (default {@code label})
 * @param splitColumn   column of {@code train}/{@code test} values; {@code null} when the manifest sets
 *                      {@code "split_column": false}; by default {@code split}, used only if the CSV has it
 * @param splitExplicit whether the manifest named the split column (then the CSV must have it)
 * @param classNames    class names in class-id order, or null (then derived from the labels)
 * @param listSeparator separator of the file names in a video cell (default {@code |})
 * @param modalities    in manifest order
 */
public record RawManifest(Path file, String name, String index, String idColumn, String labelColumn, String splitColumn,
                          boolean splitExplicit, List<String> classNames, String listSeparator,
                          List<Entry> modalities) {

    /** Value of {@code "format"} that marks a raw dataset manifest. */
    public static final String FORMAT = "raw";

    /**
     * One modality.
     *
     * @param name   modality name
     * @param column CSV column holding its file(s); an empty cell means absent
     * @param recipe how its files (or, for inline text, its cells) become features
     */
    public record Entry(String name, String column, FeatureRecipe recipe) {
    }

    private static final Pattern MODALITY_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    /** The top-level keys read; others are descriptive unless close to one of these ({@link ManifestKeys}). */
    private static final Set<String> TOP_KEYS = Set.of("format", "format_version", "name", "index", "id_column",
            "label_column", "split_column", "class_names", "list_separator", "modalities");
    private static final Set<String> ENTRY_KEYS = Set.of("name", "column", "kind", "preset", "params", "description",
            "source", "pretrained", "fine_tune");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public RawManifest {
        classNames = classNames == null ? null : List.copyOf(classNames);
        modalities = List.copyOf(modalities);
    }

    /** The folder the index and media paths are relative to. */
    public Path dir() {
        return file.toAbsolutePath().getParent();
    }

    /** Whether manifest bytes declare {@code "format": "raw"} (false for anything else, including bad JSON). */
    public static boolean isRaw(byte[] json) {
        try {
            JsonNode root = JSON.readTree(json);
            return root != null && root.isObject() && FORMAT.equals(root.path("format").asText(null));
        } catch (IOException e) {
            return false;
        }
    }

    /** Parses and checks manifest bytes; {@code file} locates the dataset and is named in messages. */
    public static RawManifest parse(byte[] json, Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw Json.invalid(file, e);
        } catch (IOException e) {
            throw InvalidInputException.inFile(file, "cannot be read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw InvalidInputException.inFile(file, "must hold a JSON object");
        }
        ManifestFields f = new ManifestFields(file);
        ManifestKeys.refuseTypos(root, file, "", TOP_KEYS, Set.of());
        if (!FORMAT.equals(f.string(root, "", "format", null))) {
            throw f.error("format", "must be \"" + FORMAT + "\" for a raw dataset");
        }
        int version = f.integer(root, "", "format_version", 1, 1);
        if (version != 1) {
            throw f.error("format_version", "is " + version + "; this mla4j reads raw manifests of version 1");
        }
        String name = f.string(root, "", "name", null);
        String index = f.string(root, "", "index", "index.csv");
        String idColumn = f.string(root, "", "id_column", "id");
        String labelColumn = f.string(root, "", "label_column", "label");
        JsonNode split = root.get("split_column");
        String splitColumn = "split";
        boolean splitExplicit = false;
        if (split != null && !split.isNull()) {
            if (split.isBoolean() && !split.booleanValue()) {
                splitColumn = null;
            } else {
                splitColumn = f.string(root, "", "split_column", null);
                splitExplicit = true;
            }
        }
        List<String> classNames = classNames(root, f);
        String separator = f.string(root, "", "list_separator", "|");
        JsonNode mods = f.required(root, "", "modalities");
        if (!mods.isArray() || mods.isEmpty()) {
            throw f.error("modalities", "must be a non-empty array of modality objects");
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < mods.size(); i++) {
            String at = "modalities[" + i + "]";
            JsonNode m = mods.get(i);
            if (!m.isObject()) {
                throw f.error(at, "must be an object with name, column, kind and preprocessing");
            }
            f.onlyKeys(m, at, ENTRY_KEYS);
            String mName = f.string(m, at, "name", null);
            if (!MODALITY_NAME.matcher(mName).matches() || mName.chars().allMatch(c -> c == '.')) {
                throw f.error(at + ".name", "\"" + mName + "\" may only contain letters, digits, '_', '.' and '-'"
                        + " and must not be only dots");
            }
            if (!names.add(mName)) {
                throw f.error(at + ".name", "\"" + mName + "\" names a modality twice");
            }
            String column = f.string(m, at, "column", mName);
            MediaKind kind = f.choice(m, at, "kind", MediaKind.class, null);
            if (kind == null) {
                f.required(m, at, "kind");
            }
            FeatureRecipe recipe = switch (kind) {
                case AUDIO -> AudioRecipe.parse(m, at, f);
                case IMAGE -> ImageRecipe.parse(m, at, f);
                case VIDEO -> VideoRecipe.parse(m, at, f);
                case FEATURES -> VectorRecipe.parse(m, at, f);
                case TEXT -> TextRecipe.parse(m, at, f);
            };
            if (kind == MediaKind.TEXT && f.bool(m, at, "fine_tune", false)) {
                throw f.error(at + ".fine_tune", "applies to image, audio, video and features modalities; a text"
                        + " modality's encoder runs frozen");
            }
            if (kind != MediaKind.TEXT) {
                if (f.optional(m, "source") != null) {
                    throw f.error(at + ".source", "applies to text modalities only (\"kind\": \"text\")");
                }
                recipe = PretrainedRecipe.wrap(recipe, mName, m, at, f);
            }
            entries.add(new Entry(mName, column, recipe));
        }
        return new RawManifest(file, name, index, idColumn, labelColumn, splitColumn, splitExplicit, classNames,
                separator, entries);
    }

    private static List<String> classNames(JsonNode root, ManifestFields f) {
        JsonNode n = f.optional(root, "class_names");
        if (n == null) {
            return null;
        }
        if (!n.isArray() || n.size() < 2) {
            throw f.error("class_names", "must be an array of at least two names");
        }
        List<String> out = new ArrayList<>();
        for (int c = 0; c < n.size(); c++) {
            JsonNode v = n.get(c);
            if (!v.isTextual() || v.textValue().isBlank()) {
                throw f.error("class_names[" + c + "]", "must be a non-empty string but is " + v);
            }
            if (out.contains(v.textValue())) {
                throw f.error("class_names[" + c + "]", "repeats the class name \"" + v.textValue() + "\"");
            }
            out.add(v.textValue());
        }
        return out;
    }
}
