package org.mla4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.io.InvalidInputException;
import org.mla4j.method.MethodOptions;
import org.mla4j.method.Methods;
import org.mla4j.method.mla.HgmFeatures;
import org.mla4j.method.shared.FusionMode;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.run.MissingSpec;
import org.mla4j.run.RunConfig;
import org.mla4j.train.LearningRateSchedule;

/**
 * A validated experiment: the spec with every default filled in and every value checked, ready to
 * be expanded into runs ({@link ExperimentGrid}). Guarantees: every method, variant, seed and
 * missing rate it holds gives a valid {@link RunConfig}; a bad value is refused with one line naming
 * the key (and the file or the {@code --set} that gave it) and the valid choices or range. Defaults
 * are those of {@code mla train}: 60 epochs, batch 64, lr 0.01, momentum 0.9, weight decay 1e-4,
 * decay ×0.1 at 70 % of the epochs, 10 % validation (split seed 0), MLP/CNN encoders of 3 layers ×
 * 128, HGM on (α = 1, previous-turn features), each method's default fusion, 3 seeds, no missing
 * modalities.
 */
public final class Experiment {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /**
     * A named variant of the method options (an ablation arm). The implicit variant of a spec without
     * {@code variants:} has {@code implicit} set: it changes nothing and does not appear in names.
     *
     * @param index   position in the spec's {@code variants} list (−1 for the implicit one)
     * @param slug    the name in lower case with runs of other characters turned into '-', for folders
     * @param methods the methods it applies to, in the experiment's order
     * @param changes the options it sets (the others come from the spec's {@code options:})
     */
    public record Variant(int index, String name, String slug, List<String> methods, ExperimentSpec.Options changes,
                          boolean implicit) {
    }

    private final SpecReader.Bound source;
    private final String name;
    private final String description;
    private final Path data;
    private final List<String> methods;
    private final List<Long> seeds;
    private final ExperimentSpec.Train train;
    private final EncoderSpec encoder;
    private final ExperimentSpec.Options options;
    private final List<Double> rates;
    private final String missingModality;
    private final boolean trainingOnly;
    private final List<Variant> variants;
    private final List<String> gapMethods;
    private final boolean curves;

    private Experiment(SpecReader.Bound source) {
        this.source = source;
        ExperimentSpec s = source.spec();
        this.name = resolveName(s.name());
        this.description = s.description() == null ? "" : s.description().trim();
        this.data = resolveData(s.data());
        this.methods = resolveMethods(s.methods(), "methods", Methods.names());
        this.seeds = resolveSeeds(s.seeds());
        this.train = resolveTrain(s.train() == null ? new ExperimentSpec.Train(null, null, null, null, null, null, null,
                null, null) : s.train());
        this.encoder = resolveEncoder(s.encoder());
        this.options = normalised(s.options() == null ? ExperimentSpec.Options.NONE : s.options(), "options.hgm");
        ExperimentSpec.Missing missing = s.missing() == null ? new ExperimentSpec.Missing(null, null, null) : s.missing();
        this.rates = resolveRates(missing.rates());
        this.missingModality = missing.modality();
        this.trainingOnly = Boolean.TRUE.equals(missing.trainingOnly());
        this.variants = resolveVariants(s.variants());
        ExperimentSpec.Report report = s.report() == null ? new ExperimentSpec.Report(null, null) : s.report();
        this.gapMethods = report.modalityGap() == null
                ? methods.stream().filter(m -> m.equals("mla") || m.equals("concat")).toList()
                : resolveMethods(report.modalityGap(), "report.modality_gap", methods);
        this.curves = report.curves() == null || report.curves();
        for (Variant v : variants) {
            for (String method : v.methods()) {
                methodOptions(method, v); // every combination must resolve
            }
        }
    }

    /** Reads, overrides and validates a spec file. */
    public static Experiment load(Path file, List<String> overrides) {
        return new Experiment(SpecReader.read(file, overrides));
    }

    /** Validates a bound spec. */
    public static Experiment of(SpecReader.Bound bound) {
        return new Experiment(bound);
    }

    public Path specFile() {
        return source.file();
    }

    public List<SpecOverride> overrides() {
        return source.overrides();
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** The dataset folder (a relative path in the file is resolved against the file's folder). */
    public Path data() {
        return data;
    }

    public List<String> methods() {
        return methods;
    }

    public List<Long> seeds() {
        return seeds;
    }

    public int epochs() {
        return train.epochs();
    }

    /** Missing rates, ascending; {@code [0.0]} when the spec has none. */
    public List<Double> rates() {
        return rates;
    }

    public List<Variant> variants() {
        return variants;
    }

    /** Whether the spec defines ablation variants (otherwise there is one implicit variant). */
    public boolean hasVariants() {
        return !variants.get(0).implicit();
    }

    /** Methods whose modality gap and embeddings the report analyses. */
    public List<String> gapMethods() {
        return gapMethods;
    }

    /** Whether the report draws training curves. */
    public boolean curves() {
        return curves;
    }

    /** The modality that alone is dropped, or null (every modality). */
    public String missingModality() {
        return missingModality;
    }

    public boolean trainingOnly() {
        return trainingOnly;
    }

    /** The settings of one run of the grid. */
    public RunConfig config(String method, Variant variant, double rate, long seed) {
        MissingSpec missing = rate == 0 ? MissingSpec.NONE : new MissingSpec(rate, seed, missingModality, trainingOnly);
        int[] decay = train.lrDecayEpochs().stream().mapToInt(Integer::intValue).toArray();
        return new RunConfig(data.toString(), method, seed, train.epochs(), train.batchSize(), train.lr(),
                train.momentum(), train.weightDecay(), decay, train.lrDecayFactor(), train.valFraction(),
                train.splitSeed(), encoder, methodOptions(method, variant), missing);
    }

    /** The options of {@code variant} (over the spec's options) for one method, every default filled in. */
    public MethodOptions methodOptions(String method, Variant variant) {
        ExperimentSpec.Options o = options.overriddenBy(variant.changes());
        MethodOptions d = MethodOptions.DEFAULT;
        boolean hgm = o.hgm() == null ? d.hgm() : onOff(o.hgm(), key(variant, "hgm"));
        double alpha = o.hgmAlpha() == null ? d.hgmAlpha() : o.hgmAlpha();
        require(alpha > 0 && Double.isFinite(alpha), key(variant, "hgm_alpha"), "must be a positive number, got " + alpha);
        HgmFeatures features = o.hgmFeatures() == null ? d.hgmFeatures()
                : choice(HgmFeatures.class, o.hgmFeatures(), key(variant, "hgm_features"));
        FusionMode fusion = o.fusion() == null ? Methods.defaultFusion(method)
                : choice(FusionMode.class, o.fusion(), key(variant, "fusion"));
        double ogmAlpha = o.ogmAlpha() == null ? d.ogmAlpha() : o.ogmAlpha();
        require(ogmAlpha >= 0 && Double.isFinite(ogmAlpha), key(variant, "ogm_alpha"), "must be >= 0, got " + ogmAlpha);
        int[] window = o.ogmEpochs() == null ? new int[] {d.ogmStartEpoch(), d.ogmEndEpoch()}
                : epochWindow(o.ogmEpochs(), key(variant, "ogm_epochs"));
        double temperature = o.qmfTemperature() == null ? d.qmfTemperature() : o.qmfTemperature();
        require(temperature > 0 && Double.isFinite(temperature), key(variant, "qmf_temperature"),
                "must be a positive number, got " + temperature);
        double ranking = o.qmfRankingWeight() == null ? d.qmfRankingWeight() : o.qmfRankingWeight();
        require(ranking >= 0 && Double.isFinite(ranking), key(variant, "qmf_ranking_weight"),
                "must be >= 0, got " + ranking);
        return new MethodOptions(hgm, alpha, features, fusion, o.conditionModality(), ogmAlpha, window[0], window[1],
                temperature, ranking);
    }

    /**
     * Checks what only the data can tell: the missing modality, the conditioning modality and the
     * encoders exist and fit the dataset's modalities.
     */
    public void checkAgainst(MultimodalDataset dataset) {
        List<String> names = dataset.modalityNames();
        if (missingModality != null && !names.contains(missingModality)) {
            throw bad("missing.modality", "'" + missingModality + "' is not a modality of " + dataset.name()
                    + "; valid: " + String.join(", ", names));
        }
        for (Variant v : variants) {
            String condition = options.overriddenBy(v.changes()).conditionModality();
            if (condition != null && !names.contains(condition)) {
                throw bad(key(v, "condition_modality"), "'" + condition + "' is not a modality of " + dataset.name()
                        + "; valid: " + String.join(", ", names));
            }
        }
        try {
            encoder.resolve(dataset.modalities());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(source.where("encoder") + ": " + e.getMessage());
        }
    }

    /**
     * The spec as it was resolved: every default filled in, overrides applied, and {@code data}
     * written relative to {@code directory} (where the resolved spec will be saved), so running the
     * saved file repeats the experiment.
     */
    public ExperimentSpec resolvedSpec(Path directory) {
        Path base = directory.toAbsolutePath().normalize();
        Path target = data.toAbsolutePath().normalize();
        String dataText;
        try {
            dataText = base.relativize(target).toString();
        } catch (IllegalArgumentException e) {
            dataText = target.toString();
        }
        ArrayNode seedList = SpecReader.YAML.createArrayNode();
        seeds.forEach(seedList::add);
        List<ExperimentSpec.Variant> variantList = null;
        if (hasVariants()) {
            variantList = new ArrayList<>();
            for (Variant v : variants) {
                variantList.add(new ExperimentSpec.Variant(v.name(), v.methods(), v.changes()));
            }
        }
        MethodOptions d = MethodOptions.DEFAULT;
        ExperimentSpec.Options base0 = new ExperimentSpec.Options(d.hgm() ? "on" : "off", d.hgmAlpha(),
                d.hgmFeatures().label(), null, null, d.ogmAlpha(), d.ogmStartEpoch() + ":" + d.ogmEndEpoch(),
                d.qmfTemperature(), d.qmfRankingWeight()).overriddenBy(options);
        return new ExperimentSpec(name, description.isEmpty() ? null : description, dataText, methods, seedList, train,
                new ExperimentSpec.Encoder(encoder.type(), encoder.layers(), encoder.width(), encoder.perModality()),
                base0, new ExperimentSpec.Missing(rates, missingModality, trainingOnly), variantList,
                new ExperimentSpec.Report(gapMethods, curves));
    }

    // ---- resolution of each section

    private String resolveName(String given) {
        String n = given;
        if (n == null) {
            String file = source.file().getFileName().toString();
            n = file.replaceFirst("\\.(ya?ml|json)$", "");
        }
        if (!NAME.matcher(n).matches()) {
            throw bad("name", "'" + n + "' must be letters, digits, '.', '_' or '-' (it names the results folder)");
        }
        return n;
    }

    private Path resolveData(String given) {
        if (given == null || given.isBlank()) {
            throw bad("data", "is required: the dataset folder (relative to the spec file, e.g. data: "
                    + "../data/av_mnist_fsdd)");
        }
        Path p = Path.of(given);
        if (p.isAbsolute() || source.where("data").startsWith("--set")) {
            return p; // a command-line value is relative to the working directory, as every CLI path
        }
        Path dir = source.file().toAbsolutePath().getParent();
        return dir == null ? p : relativeToWorkingDirectory(dir.resolve(p).normalize());
    }

    private static Path relativeToWorkingDirectory(Path absolute) {
        Path cwd = Path.of("").toAbsolutePath();
        try {
            Path rel = cwd.relativize(absolute);
            return rel.toString().isEmpty() ? Path.of(".") : rel;
        } catch (IllegalArgumentException e) {
            return absolute;
        }
    }

    private List<String> resolveMethods(List<String> given, String key, List<String> valid) {
        if (given == null || given.isEmpty()) {
            if (key.equals("methods")) {
                throw bad(key, "is required: a list of methods, or all; valid: " + String.join(", ", valid));
            }
            return List.of();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String entry : given) {
            for (String part : entry == null ? new String[] {"null"} : entry.split(",")) {
                String m = part.trim().toLowerCase(Locale.ROOT);
                if (m.equals("all")) {
                    out.addAll(valid);
                } else if (!valid.contains(m)) {
                    throw bad(key, "names unknown method '" + part.trim() + "'; valid: " + String.join(", ", valid)
                            + (key.equals("methods") ? " (or all)" : " (the methods of the experiment)"));
                } else {
                    out.add(m);
                }
            }
        }
        return List.copyOf(out);
    }

    private List<Long> resolveSeeds(JsonNode given) {
        if (given == null || given.isNull()) {
            return List.of(0L, 1L, 2L);
        }
        if (given.isIntegralNumber()) {
            long n = given.asLong();
            require(n >= 1 && n <= 1000, "seeds", "as a number is how many seeds (0..N-1) and must be 1..1000, got " + n);
            List<Long> list = new ArrayList<>();
            for (long s = 0; s < n; s++) {
                list.add(s);
            }
            return List.copyOf(list);
        }
        if (given.isArray() && !given.isEmpty()) {
            LinkedHashSet<Long> list = new LinkedHashSet<>();
            for (JsonNode s : given) {
                require(s.isIntegralNumber() && s.asLong() >= 0 && s.asLong() <= Integer.MAX_VALUE, "seeds",
                        "entries must be integers in 0.." + Integer.MAX_VALUE + ", got " + SpecReader.describe(s));
                list.add(s.asLong());
            }
            return List.copyOf(list);
        }
        throw bad("seeds", "must be a number of seeds (3 = seeds 0, 1, 2) or a list of seeds ([0, 1, 2]), got "
                + SpecReader.describe(given));
    }

    private ExperimentSpec.Train resolveTrain(ExperimentSpec.Train t) {
        int epochs = t.epochs() == null ? 60 : t.epochs();
        require(epochs >= 1, "train.epochs", "must be at least 1, got " + epochs);
        int batch = t.batchSize() == null ? 64 : t.batchSize();
        require(batch >= 1, "train.batch_size", "must be at least 1, got " + batch);
        double lr = t.lr() == null ? 0.01 : t.lr();
        require(lr > 0 && Double.isFinite(lr), "train.lr", "must be a positive number, got " + lr);
        double momentum = t.momentum() == null ? 0.9 : t.momentum();
        require(momentum >= 0 && momentum < 1, "train.momentum", "must be in [0, 1), got " + momentum);
        double wd = t.weightDecay() == null ? 1e-4 : t.weightDecay();
        require(wd >= 0 && Double.isFinite(wd), "train.weight_decay", "must be >= 0, got " + wd);
        List<Integer> decay = t.lrDecayEpochs() == null
                ? java.util.Arrays.stream(LearningRateSchedule.defaultDecayEpochs(epochs)).boxed().toList()
                : t.lrDecayEpochs();
        for (Integer e : decay) {
            require(e != null && e >= 0, "train.lr_decay_epochs", "entries must be epochs >= 0 (0-based), got " + e);
        }
        double factor = t.lrDecayFactor() == null ? 0.1 : t.lrDecayFactor();
        require(factor > 0 && factor <= 1, "train.lr_decay_factor", "must be in (0, 1], got " + factor);
        double val = t.valFraction() == null ? 0.1 : t.valFraction();
        require(val > 0 && val < 0.9, "train.val_fraction",
                "must be in (0, 0.9): model selection needs a validation split, got " + val);
        long splitSeed = t.splitSeed() == null ? 0 : t.splitSeed();
        return new ExperimentSpec.Train(epochs, batch, lr, momentum, wd, List.copyOf(decay), factor, val, splitSeed);
    }

    private EncoderSpec resolveEncoder(ExperimentSpec.Encoder e) {
        String type = e == null || e.type() == null ? "auto" : e.type();
        require(EncoderSpec.TYPES.contains(type), "encoder.type", "must be one of " + String.join(", ", EncoderSpec.TYPES)
                + ", got '" + type + "'");
        int layers = e == null || e.layers() == null ? 3 : e.layers();
        require(layers >= 1, "encoder.layers", "must be at least 1, got " + layers);
        int width = e == null || e.width() == null ? 128 : e.width();
        require(width >= 1, "encoder.width", "must be at least 1, got " + width);
        Map<String, String> per = e == null || e.perModality() == null ? Map.of() : e.perModality();
        per.forEach((modality, t) -> require(EncoderSpec.TYPES.contains(t), "encoder.per_modality." + modality,
                "must be one of " + String.join(", ", EncoderSpec.TYPES) + ", got '" + t + "'"));
        return new EncoderSpec(type, layers, width, per);
    }

    private List<Double> resolveRates(List<Double> given) {
        if (given == null || given.isEmpty()) {
            return List.of(0.0);
        }
        java.util.TreeSet<Double> sorted = new java.util.TreeSet<>();
        for (Double r : given) {
            require(r != null && r >= 0 && r < 1, "missing.rates", "entries must be in [0, 1), got " + r);
            sorted.add(r == 0 ? 0.0 : r); // -0.0 and 0.0 are one rate
        }
        return List.copyOf(sorted);
    }

    private List<Variant> resolveVariants(List<ExperimentSpec.Variant> given) {
        if (given == null || given.isEmpty()) {
            return List.of(new Variant(-1, "default", "default", methods, ExperimentSpec.Options.NONE, true));
        }
        List<Variant> out = new ArrayList<>();
        java.util.Set<String> slugs = new java.util.HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            ExperimentSpec.Variant v = given.get(i);
            String key = "variants[" + i + "]";
            require(v != null && v.name() != null && !v.name().isBlank(), key + ".name",
                    "is required: each variant needs a name (it labels the table rows)");
            String slug = v.name().trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-")
                    .replaceAll("^-+|-+$", "");
            require(!slug.isEmpty(), key + ".name", "'" + v.name() + "' needs at least one letter or digit");
            require(slugs.add(slug), key + ".name", "'" + v.name() + "' is the same name (in folder form '" + slug
                    + "') as an earlier variant; names must differ");
            List<String> list = v.methods() == null ? methods : resolveMethods(v.methods(), key + ".methods", methods);
            out.add(new Variant(i, v.name().trim(), slug, list, normalised(v.options() == null
                    ? ExperimentSpec.Options.NONE : v.options(), key + ".options.hgm"), false));
        }
        return List.copyOf(out);
    }

    // ---- helpers

    /** The options with {@code hgm} spelled on/off (YAML reads a bare on as true). */
    private ExperimentSpec.Options normalised(ExperimentSpec.Options o, String key) {
        if (o.hgm() == null) {
            return o;
        }
        String hgm = onOff(o.hgm(), key) ? "on" : "off";
        return new ExperimentSpec.Options(hgm, o.hgmAlpha(), o.hgmFeatures(), o.fusion(), o.conditionModality(),
                o.ogmAlpha(), o.ogmEpochs(), o.qmfTemperature(), o.qmfRankingWeight());
    }

    /** The key of an option for messages: the variant's when the variant sets it, else the spec's. */
    private String key(Variant v, String option) {
        boolean fromVariant = !v.implicit() && isSet(v.changes(), option);
        return fromVariant ? "variants[" + v.index() + "].options." + option : "options." + option;
    }

    private static boolean isSet(ExperimentSpec.Options o, String option) {
        return switch (option) {
            case "hgm" -> o.hgm() != null;
            case "hgm_alpha" -> o.hgmAlpha() != null;
            case "hgm_features" -> o.hgmFeatures() != null;
            case "fusion" -> o.fusion() != null;
            case "condition_modality" -> o.conditionModality() != null;
            case "ogm_alpha" -> o.ogmAlpha() != null;
            case "ogm_epochs" -> o.ogmEpochs() != null;
            case "qmf_temperature" -> o.qmfTemperature() != null;
            case "qmf_ranking_weight" -> o.qmfRankingWeight() != null;
            default -> false;
        };
    }

    private boolean onOff(String value, String key) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw bad(key, "must be on or off, got '" + value + "'");
        };
    }

    private <E extends Enum<E>> E choice(Class<E> type, String value, String key) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.trim())) {
                return e;
            }
        }
        throw bad(key, "must be one of " + String.join(", ", java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList()) + ", got '" + value + "'");
    }

    private int[] epochWindow(String window, String key) {
        String[] parts = window.split(":");
        try {
            if (parts.length == 2) {
                int first = Integer.parseInt(parts[0].trim());
                int last = Integer.parseInt(parts[1].trim());
                if (first >= 0 && (last == -1 || last >= first)) {
                    return new int[] {first, last};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(key, "must be FIRST:LAST with 0 <= FIRST <= LAST or LAST = -1, got '" + window + "'");
    }

    private void require(boolean condition, String key, String problem) {
        if (!condition) {
            throw bad(key, problem);
        }
    }

    private InvalidInputException bad(String key, String problem) {
        return new InvalidInputException(source.where(key) + " " + problem);
    }
}
