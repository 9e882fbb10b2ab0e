package org.mla4j.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mla4j.io.InvalidInputException;
import org.mla4j.method.Methods;
import org.mla4j.nn.EncoderSettings;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.settings.SectionReader;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import org.mla4j.train.TrainConfig;
import org.mla4j.train.TrainSettings;

/**
 * Everything that defines one training run: the dataset, the method, the seed, the values given for
 * the training, encoder and method settings (each setting not given takes its default), and the
 * simulated missing modalities. {@link #json()} writes it resolved — every setting with its value —
 * in the sections of an experiment spec, as config.json records it.
 *
 * @param settings values of {@link TrainSettings}, {@link EncoderSettings} and the method's options
 * @param missing  simulated missing modalities ({@link MissingSpec#NONE} for complete data)
 */
public record RunConfig(String data, String method, long seed, SettingValues settings, MissingSpec missing) {

    public RunConfig {
        settings = settings == null ? SettingValues.NONE : settings;
        missing = missing == null ? MissingSpec.NONE : missing;
    }

    /**
     * The settings {@code mla train} uses when given only a dataset, a method and a seed: every
     * default ({@link TrainSettings}, {@link EncoderSettings}, the method's own), complete data.
     */
    public static RunConfig defaults(String data, String method, long seed) {
        return new RunConfig(data, method, seed, SettingValues.NONE, MissingSpec.NONE);
    }

    /** The same run with {@code setting} set to {@code value}. */
    public <T> RunConfig with(Setting<T> setting, T value) {
        return new RunConfig(data, method, seed, settings.with(setting, value), missing);
    }

    /** The same settings trained for {@code n} epochs, with the learning-rate decay at the default point for n (70 %). */
    public RunConfig withEpochs(int n) {
        return new RunConfig(data, method, seed, settings.with(TrainSettings.EPOCHS, n)
                .without(TrainSettings.LR_DECAY_EPOCHS), missing);
    }

    /** The same run with other encoders. */
    public RunConfig withEncoder(EncoderSpec e) {
        return new RunConfig(data, method, seed, settings.with(EncoderSettings.TYPE, e.type())
                .with(EncoderSettings.LAYERS, e.layers()).with(EncoderSettings.WIDTH, e.width())
                .with(EncoderSettings.PER_MODALITY, e.perModality()), missing);
    }

    /** The same run with these setting values on top of its own. */
    public RunConfig withSettings(SettingValues values) {
        return new RunConfig(data, method, seed, settings.overriddenBy(values), missing);
    }

    /** The same settings with another missing-modality mask. */
    public RunConfig withMissing(MissingSpec spec) {
        return new RunConfig(data, method, seed, settings, spec);
    }

    /**
     * The values the run trains with: its method's recipe ({@link org.mla4j.core.MethodDefinition#recipe()})
     * with the given values on top.
     */
    public SettingValues effective() {
        return Methods.definition(method).recipe().overriddenBy(settings);
    }

    public TrainConfig trainConfig() {
        return TrainSettings.config(effective(), seed);
    }

    public int epochs() {
        return effective().get(TrainSettings.EPOCHS);
    }

    public EncoderSpec encoder() {
        return EncoderSettings.spec(effective());
    }

    /** Share of each class's training rows carved out for validation. */
    public double validationFraction() {
        return effective().get(TrainSettings.VAL_FRACTION);
    }

    /** Seed of the validation carve (the same for every training seed). */
    public long splitSeed() {
        return effective().get(TrainSettings.SPLIT_SEED);
    }

    /** The values given for the method's own options. */
    public SettingValues options() {
        return settings.only(methodSettings());
    }

    private List<Setting<?>> methodSettings() {
        return Methods.definition(method).settings();
    }

    /** The run resolved, as config.json's {@code settings}: {@code data, method, seed, train, encoder, options, missing}. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("method", method);
        m.put("seed", seed);
        SettingValues values = effective();
        m.put(ZeroBasedSettings.MARKER, 1);
        m.put("train", values.resolved(TrainSettings.ALL));
        m.put("encoder", values.resolved(EncoderSettings.ALL));
        m.put("options", values.resolved(methodSettings()));
        m.put("missing", missing.json());
        return m;
    }

    /**
     * Reads {@link #json()}'s form from a config or checkpoint file; {@code file} names it in messages.
     * Run folders written before 2026-12 (camel-case keys, every method's options) and before epoch
     * settings counted from 1 ({@link ZeroBasedSettings}) are read too.
     */
    public static RunConfig fromJson(JsonNode node, String file) {
        JsonNode n = LegacyRunConfig.isLegacy(node) ? LegacyRunConfig.upgrade(node) : node;
        if (ZeroBasedSettings.isZeroBased(n)) {
            n = ZeroBasedSettings.upgrade(n);
        }
        String where = file + ": settings.";
        for (String key : List.of("data", "method", "seed")) {
            if (n.get(key) == null || n.get(key).isNull()) {
                throw new InvalidInputException(where + key + " is missing");
            }
        }
        String method = n.get("method").asText();
        List<Setting<?>> definitions = new ArrayList<>(TrainSettings.ALL);
        definitions.addAll(EncoderSettings.ALL);
        SettingValues values = SectionReader.read(n.get("train"), "train", TrainSettings.ALL, k -> where)
                .overriddenBy(SectionReader.read(n.get("encoder"), "encoder", EncoderSettings.ALL, k -> where))
                .overriddenBy(SectionReader.read(n.get("options"), "options", Methods.definition(method).settings(),
                        k -> where));
        return new RunConfig(n.get("data").asText(), method, n.get("seed").asLong(), values,
                MissingSpec.fromJson(n.get("missing"), where));
    }
}
