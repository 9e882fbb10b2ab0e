package org.mla4j.run;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mla4j.core.Method;
import org.mla4j.core.ModelSpec;
import org.mla4j.data.Modality;
import org.mla4j.data.PretrainedModule;
import org.mla4j.data.Standardizer;
import org.mla4j.io.AtomicFiles;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Json;
import org.mla4j.io.NpyArray;
import org.mla4j.io.Npz;
import org.mla4j.method.Methods;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.nn.ParameterSnapshot;
import org.mla4j.settings.SectionReader;
import org.mla4j.settings.SettingValues;

/**
 * A trained model on disk: {@code model.json} (method, modalities with their input shapes and, for a
 * fine-tuned modality, its TorchScript file and SHA-256, classes, encoders, options) and {@code model.npz} (every parameter plus each modality's standardisation mean and std, as .npy
 * arrays). Plain data only: loading never executes anything from these files, and every mismatch is
 * reported with the file and the problem. (A fine-tuned modality's module is TorchScript, which is
 * code: it is read from the file the dataset named, and only if that file's SHA-256 is the recorded
 * one.)
 */
public final class ModelFile {
    public static final String DESCRIPTION = "model.json";
    public static final String PARAMETERS = "model.npz";
    static final String FORMAT = "mla4j-model";
    /**
     * Version 3 (2026-12-02): epoch options counted from 1 ({@link ZeroBasedSettings}); version 2: options
     * and encoder keys as in specs. Versions 1 and 2 are read too.
     */
    static final int VERSION = 3;
    private static final String STANDARDIZE = "standardize.";

    /** A loaded model: its description and, once {@link #instantiate} is called, a ready method. */
    public record Loaded(String method, ModelSpec spec, SettingValues options, List<String> classNames,
                         Standardizer standardizer, ParameterSnapshot parameters, List<String> untrainedModalities,
                         Path directory) {

        /** Builds the method in {@code manager} and fills in the stored parameters. */
        public Method instantiate(NDManager manager) {
            Method m = Methods.create(method, spec, options, manager);
            try {
                parameters.restoreInto(m.groups());
            } catch (IllegalArgumentException e) {
                m.close();
                throw InvalidInputException.inFile(directory.resolve(PARAMETERS), e.getMessage());
            }
            return m;
        }
    }

    private ModelFile() {
    }

    /** Writes the two files into {@code dir} (each atomically). */
    public static void save(Path dir, String method, ModelSpec spec, SettingValues options, List<String> classNames,
                            ParameterSnapshot parameters, Standardizer standardizer, List<String> untrainedModalities) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("format", FORMAT);
        description.put("format_version", VERSION);
        description.put("method", method);
        List<Map<String, Object>> modalities = new ArrayList<>();
        for (Modality m : spec.modalities()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", m.name());
            entry.put("dim", m.dim());
            entry.put("shape", m.shape());
            if (m.pretrained() != null) { // the module's structure is read from this file again when loading
                Map<String, Object> module = new LinkedHashMap<>();
                module.put("file", m.pretrained().file());
                module.put("sha256", m.pretrained().sha256());
                entry.put("pretrained", module);
            }
            modalities.add(entry);
        }
        description.put("modalities", modalities);
        description.put("num_classes", spec.numClasses());
        description.put("class_names", classNames);
        description.put("encoder", encoderJson(spec.encoder()));
        description.put("options", options.resolved(Methods.definition(method).settings()));
        description.put("untrained_modalities", untrainedModalities);
        AtomicFiles.writeString(dir.resolve(DESCRIPTION), Json.write(description));

        Map<String, float[]> arrays = new LinkedHashMap<>(parameters.values());
        Map<String, long[]> shapes = new LinkedHashMap<>(parameters.shapes());
        for (int m = 0; m < spec.numModalities(); m++) {
            String name = spec.modalities().get(m).name();
            long dim = spec.modalities().get(m).dim();
            arrays.put(STANDARDIZE + name + ".mean", standardizer.mean(m));
            shapes.put(STANDARDIZE + name + ".mean", new long[] {dim});
            arrays.put(STANDARDIZE + name + ".std", standardizer.std(m));
            shapes.put(STANDARDIZE + name + ".std", new long[] {dim});
        }
        AtomicFiles.write(dir.resolve(PARAMETERS), out -> Npz.write(out, arrays, shapes));
    }

    /** Reads a model directory (a run directory holds one). */
    public static Loaded load(Path dir) {
        Path descriptionFile = dir.resolve(DESCRIPTION);
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": model directory not found");
        }
        JsonNode d;
        try {
            d = Json.MAPPER.readTree(Files.readAllBytes(descriptionFile));
        } catch (NoSuchFileException e) {
            throw InvalidInputException.inFile(descriptionFile, "file not found (is " + dir + " a model or run directory?)");
        } catch (JsonProcessingException e) {
            throw Json.invalid(descriptionFile, e);
        } catch (IOException e) {
            throw InvalidInputException.inFile(descriptionFile, "cannot be read (" + firstLine(e.getMessage()) + ")");
        }
        if (d == null || !FORMAT.equals(d.path("format").asText())) {
            throw InvalidInputException.inFile(descriptionFile, "is not an mla4j model description (\"format\" must be \""
                    + FORMAT + "\")");
        }
        int version = d.path("format_version").asInt(-1);
        if (version < 1 || version > VERSION) {
            throw InvalidInputException.inFile(descriptionFile, "has format_version " + d.path("format_version")
                    + "; this mla4j reads versions 1 to " + VERSION);
        }
        try {
            String method = d.get("method").asText();
            List<Modality> modalities = new ArrayList<>();
            for (JsonNode m : d.get("modalities")) {
                Modality modality = modality(m);
                if (modality.pretrained() != null) {
                    modality.pretrained().read("modality '" + modality.name() + "' of the model in " + dir);
                }
                modalities.add(modality);
            }
            int numClasses = d.get("num_classes").asInt();
            List<String> classNames = new ArrayList<>();
            d.get("class_names").forEach(n -> classNames.add(n.asText()));
            EncoderSpec encoder = encoder(d.get("encoder"));
            JsonNode optionsNode = version == 1 ? LegacyRunConfig.options(d.path("options"), method) : d.get("options");
            if (version < 3) {
                optionsNode = ZeroBasedSettings.upgradeOptions(optionsNode, method);
            }
            SettingValues options = SectionReader.read(optionsNode, "options", Methods.definition(method).settings(),
                    k -> descriptionFile + ": ");
            ModelSpec spec = new ModelSpec(modalities, numClasses, encoder);
            List<String> untrained = new ArrayList<>();
            d.path("untrained_modalities").forEach(n -> untrained.add(n.asText()));
            Map<String, NpyArray> arrays = Npz.read(dir.resolve(PARAMETERS));
            return new Loaded(method, spec, options, classNames, standardizer(spec, arrays, dir), parameters(arrays),
                    untrained, dir);
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw InvalidInputException.inFile(descriptionFile, "is incomplete or malformed (" + firstLine(e.getMessage()) + ")");
        }
    }

    private static Map<String, Object> encoderJson(EncoderSpec e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", e.type());
        m.put("layers", e.layers());
        m.put("width", e.width());
        m.put("per_modality", e.perModality());
        return m;
    }

    /** The encoder entry ({@code per_modality}; {@code perModality} in version 1). */
    private static EncoderSpec encoder(JsonNode e) {
        JsonNode per = e.has("per_modality") ? e.get("per_modality") : e.get("perModality");
        Map<String, String> perModality = new LinkedHashMap<>();
        if (per != null) {
            per.fields().forEachRemaining(f -> perModality.put(f.getKey(), f.getValue().asText()));
        }
        return new EncoderSpec(e.get("type").asText(), e.get("layers").asInt(), e.get("width").asInt(), perModality);
    }

    /**
     * A modality entry; files written before shapes existed have none (then the shape is {@code [dim]}).
     * A fine-tuned modality's entry names its TorchScript module ({@code pretrained}: file, sha256).
     */
    private static Modality modality(JsonNode m) {
        List<Integer> shape = null;
        if (m.hasNonNull("shape")) {
            shape = new ArrayList<>();
            for (JsonNode s : m.get("shape")) {
                shape.add(s.asInt());
            }
        }
        JsonNode p = m.get("pretrained");
        PretrainedModule module = p == null || p.isNull() ? null
                : new PretrainedModule(p.get("file").asText(), p.get("sha256").asText());
        return new Modality(m.get("name").asText(), m.get("dim").asInt(), shape, module);
    }

    private static Standardizer standardizer(ModelSpec spec, Map<String, NpyArray> arrays, Path dir) {
        int count = spec.numModalities();
        float[][] mean = new float[count][];
        float[][] std = new float[count][];
        for (int m = 0; m < count; m++) {
            Modality modality = spec.modalities().get(m);
            mean[m] = vector(arrays, STANDARDIZE + modality.name() + ".mean", modality.dim(), dir);
            std[m] = vector(arrays, STANDARDIZE + modality.name() + ".std", modality.dim(), dir);
        }
        return new Standardizer(mean, std);
    }

    private static float[] vector(Map<String, NpyArray> arrays, String key, int dim, Path dir) {
        NpyArray a = arrays.get(key);
        if (a == null || a.length() != dim) {
            throw InvalidInputException.inFile(dir.resolve(PARAMETERS), "array '" + key + "' is missing or does not have "
                    + dim + " values");
        }
        return a.floats();
    }

    private static ParameterSnapshot parameters(Map<String, NpyArray> arrays) {
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        arrays.forEach((name, array) -> {
            if (!name.startsWith(STANDARDIZE)) {
                values.put(name, array.floats());
                shapes.put(name, array.shape());
            }
        });
        return ParameterSnapshot.of(values, shapes);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
