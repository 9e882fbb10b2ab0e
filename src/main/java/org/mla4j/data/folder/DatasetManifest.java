package org.mla4j.data.folder;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Json;
import org.mla4j.io.ManifestKeys;

/**
 * The type-checked content of a dataset's {@code manifest.json}; no data file is read here.
 *
 * <p>Guarantees after {@link #parse}: {@code name} is a non-empty string; {@code numSamples ≥ 1};
 * {@code numClasses ≥ 2}; {@code classNames} has exactly {@code numClasses} distinct non-empty entries
 * (default {@code "0".."C-1"}); at least one modality, with unique names matching
 * {@code [A-Za-z0-9_.-]+} (not only dots) and {@code dim ≥ 1}; a modality's optional {@code sample_shape}
 * (the shape of one sample's row, e.g. {@code [1, 28, 28]}; not the descriptive {@code shape} key, which
 * existing manifests use for the array's (N, dim)) holds positive integers whose product is {@code dim}
 * (without it the shape is {@code [dim]}); every file name is a non-empty string.
 * {@code trainFile}/{@code testFile} are both null (no split given) or both set; {@code presenceFile} may
 * be null. Other keys are descriptive and ignored, unless one is close to a key read here (a typo such
 * as {@code splt} or {@code sample_shap}: {@link ManifestKeys}), which is refused; a JSON {@code null}
 * counts as an absent key. Each problem is an {@link InvalidInputException} naming the manifest and the key.
 */
public record DatasetManifest(Path file, String name, int numSamples, int numClasses, List<String> classNames,
                              String labelsFile, List<Entry> modalities, String trainFile, String testFile,
                              String presenceFile) {

    /**
     * One element of {@code modalities}: name, data file (relative to the dataset folder), feature
     * size and the shape of a row ({@code [dim]} when the manifest gives none).
     */
    public record Entry(String name, String file, int dim, List<Integer> shape) {
        public Entry {
            shape = shape == null ? List.of(dim) : List.copyOf(shape);
        }

        public Entry(String name, String file, int dim) {
            this(name, file, dim, List.of(dim));
        }
    }

    /** The keys read at the top level, in a modality entry and in {@code split}. */
    static final Set<String> TOP_KEYS = Set.of("format", "name", "num_samples", "num_classes", "class_names",
            "labels_file", "modalities", "split", "presence_file");
    static final Set<String> ENTRY_KEYS = Set.of("name", "file", "dim", "sample_shape");
    static final Set<String> SPLIT_KEYS = Set.of("train_file", "test_file");
    /** Descriptive keys that resemble read ones: {@code shape} is the array's (N, dim) in existing manifests. */
    private static final Set<String> DESCRIPTIVE = Set.of("shape");

    private static final Pattern MODALITY_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public DatasetManifest {
        classNames = List.copyOf(classNames);
        modalities = List.copyOf(modalities);
    }

    /** Whether the manifest names its own train/test split files. */
    public boolean hasSplit() {
        return trainFile != null;
    }

    /** Parses and type-checks manifest bytes; {@code file} is used in messages only. */
    public static DatasetManifest parse(byte[] json, Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw Json.invalid(file, e);
        } catch (IOException e) {
            throw InvalidInputException.inFile(file, "cannot be read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw InvalidInputException.inFile(file, "must hold a JSON object, but holds "
                    + (root == null ? "nothing" : describe(root)));
        }
        Fields f = new Fields(file);
        ManifestKeys.refuseTypos(root, file, "", TOP_KEYS, DESCRIPTIVE);
        String name = f.requiredString(root, "name");
        int numSamples = f.requiredInt(root, "num_samples", 1);
        int numClasses = f.requiredInt(root, "num_classes", 2);
        List<String> classNames = f.classNames(root, numClasses);
        String labelsFile = f.optionalString(root, "labels_file", "labels.npy");
        List<Entry> modalities = f.modalities(root);
        String trainFile = null;
        String testFile = null;
        JsonNode split = f.optional(root, "split");
        if (split != null) {
            if (!split.isObject()) {
                throw f.wrongType("split", "an object with train_file and test_file", split);
            }
            ManifestKeys.refuseTypos(split, file, "split", SPLIT_KEYS, DESCRIPTIVE);
            trainFile = f.requiredString(split, "split.train_file", "train_file");
            testFile = f.requiredString(split, "split.test_file", "test_file");
        }
        String presenceFile = f.optionalString(root, "presence_file", null);
        return new DatasetManifest(file, name, numSamples, numClasses, classNames, labelsFile, modalities,
                trainFile, testFile, presenceFile);
    }

    /** Field readers that report problems against one manifest file. */
    private record Fields(Path file) {

        JsonNode optional(JsonNode parent, String key) {
            JsonNode n = parent.get(key);
            return n == null || n.isNull() ? null : n;
        }

        JsonNode required(JsonNode parent, String path, String key) {
            JsonNode n = optional(parent, key);
            if (n == null) {
                throw InvalidInputException.inFile(file, "missing required key \"" + path + "\"");
            }
            return n;
        }

        String requiredString(JsonNode parent, String key) {
            return requiredString(parent, key, key);
        }

        String requiredString(JsonNode parent, String path, String key) {
            return string(required(parent, path, key), path);
        }

        String optionalString(JsonNode parent, String key, String fallback) {
            JsonNode n = optional(parent, key);
            return n == null ? fallback : string(n, key);
        }

        String string(JsonNode n, String path) {
            if (!n.isTextual()) {
                throw wrongType(path, "a string", n);
            }
            if (n.textValue().isBlank()) {
                throw InvalidInputException.inFile(file, "key \"" + path + "\" must not be empty");
            }
            return n.textValue();
        }

        int requiredInt(JsonNode parent, String key, int min) {
            return integer(required(parent, key, key), key, min);
        }

        int integer(JsonNode n, String path, int min) {
            if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                throw wrongType(path, "an integer", n);
            }
            if (n.intValue() < min) {
                throw InvalidInputException.inFile(file, "key \"" + path + "\" must be at least " + min
                        + " but is " + n.intValue());
            }
            return n.intValue();
        }

        List<String> classNames(JsonNode root, int numClasses) {
            JsonNode n = optional(root, "class_names");
            List<String> names = new ArrayList<>();
            if (n == null) {
                for (int c = 0; c < numClasses; c++) {
                    names.add(Integer.toString(c));
                }
                return names;
            }
            if (!n.isArray()) {
                throw wrongType("class_names", "an array of strings", n);
            }
            if (n.size() != numClasses) {
                throw InvalidInputException.inFile(file, "\"class_names\" has " + n.size()
                        + " entries but num_classes is " + numClasses);
            }
            Map<String, Integer> seen = new HashMap<>();
            for (int c = 0; c < n.size(); c++) {
                String className = string(n.get(c), "class_names[" + c + "]");
                Integer first = seen.putIfAbsent(className, c);
                if (first != null) {
                    throw InvalidInputException.inFile(file, "class name \"" + className + "\" appears twice (class_names["
                            + first + "] and class_names[" + c + "])");
                }
                names.add(className);
            }
            return names;
        }

        List<Entry> modalities(JsonNode root) {
            JsonNode n = required(root, "modalities", "modalities");
            if (!n.isArray()) {
                throw wrongType("modalities", "an array of objects", n);
            }
            if (n.isEmpty()) {
                throw InvalidInputException.inFile(file, "\"modalities\" lists no modality; at least one is needed");
            }
            List<Entry> out = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < n.size(); i++) {
                String at = "modalities[" + i + "]";
                JsonNode m = n.get(i);
                if (!m.isObject()) {
                    throw wrongType(at, "an object with name, file and dim", m);
                }
                ManifestKeys.refuseTypos(m, file, at, ENTRY_KEYS, DESCRIPTIVE);
                JsonNode nameNode = required(m, at + ".name", "name");
                if (!nameNode.isTextual()) {
                    throw wrongType(at + ".name", "a string", nameNode);
                }
                String name = nameNode.textValue();
                if (name.isEmpty()) {
                    throw InvalidInputException.inFile(file, "key \"" + at + ".name\" must not be empty");
                }
                if (!MODALITY_NAME.matcher(name).matches() || name.chars().allMatch(ch -> ch == '.')) {
                    throw InvalidInputException.inFile(file, "modality name \"" + name + "\" (" + at
                            + ".name) may only contain letters, digits, '_', '.' and '-' and must not be only dots");
                }
                Integer first = seen.putIfAbsent(name, i);
                if (first != null) {
                    throw InvalidInputException.inFile(file, "modality name \"" + name + "\" appears twice (modalities["
                            + first + "] and " + at + ")");
                }
                String dataFile = requiredString(m, at + ".file", "file");
                int dim = integer(required(m, at + ".dim", "dim"), at + ".dim", 1);
                out.add(new Entry(name, dataFile, dim, shape(m, at, dim)));
            }
            return out;
        }

        /** The optional {@code sample_shape} of a modality entry; {@code [dim]} without one. */
        List<Integer> shape(JsonNode m, String at, int dim) {
            JsonNode n = optional(m, "sample_shape");
            if (n == null) {
                return List.of(dim);
            }
            if (!n.isArray() || n.isEmpty()) {
                throw wrongType(at + ".sample_shape", "a non-empty array of positive integers", n);
            }
            List<Integer> shape = new ArrayList<>();
            long product = 1;
            for (int k = 0; k < n.size(); k++) {
                int s = integer(n.get(k), at + ".sample_shape[" + k + "]", 1);
                shape.add(s);
                product *= s;
            }
            if (product != dim) {
                throw InvalidInputException.inFile(file, "key \"" + at + ".sample_shape\" is " + shape + ", which holds "
                        + product + " values, but " + at + ".dim is " + dim);
            }
            return shape;
        }

        InvalidInputException wrongType(String path, String expected, JsonNode actual) {
            return InvalidInputException.inFile(file, "key \"" + path + "\" must be " + expected
                    + " but is " + describe(actual));
        }
    }

    private static String describe(JsonNode n) {
        String text = n.toString();
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        String kind = switch (n.getNodeType()) {
            case STRING -> "the string";
            case NUMBER -> "the number";
            case BOOLEAN -> "the boolean";
            case ARRAY -> "the array";
            case OBJECT -> "the object";
            default -> "";
        };
        return kind.isEmpty() ? text : kind + " " + text;
    }
}
