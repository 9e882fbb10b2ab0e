package org.mla4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.mla4j.io.InvalidInputException;
import org.mla4j.method.Methods;
import org.mla4j.nn.EncoderSettings;
import org.mla4j.run.MissingSettings;
import org.mla4j.settings.SectionReader;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import org.mla4j.settings.ValueTypes;
import org.mla4j.train.TrainSettings;

/**
 * Resolves a bound spec into an {@link Experiment}: every default filled in and every value checked,
 * a bad one refused with one line naming the key (and the file or the {@code --set} that gave it) and
 * the valid choices or range. The settings' defaults are those of {@code mla train}; an experiment
 * has 3 seeds and no missing modalities unless it says otherwise.
 */
final class SpecResolver {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SpecResolver.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final SpecReader.Bound source;
    private final Function<String, String> prefix;

    private SpecResolver(SpecReader.Bound source) {
        this.source = source;
        this.prefix = key -> SpecReader.source(source.file(), source.overrides(), key);
    }

    /** The settings each section of a spec holds, by section key. */
    static Map<String, List<Setting<?>>> sections() {
        Map<String, List<Setting<?>>> m = new LinkedHashMap<>();
        m.put("train", TrainSettings.ALL);
        m.put("encoder", EncoderSettings.ALL);
        m.put("options", Methods.allSettings());
        m.put("missing", MissingSettings.ALL);
        return m;
    }

    static Experiment resolve(SpecReader.Bound bound) {
        return new SpecResolver(bound).experiment();
    }

    private Experiment experiment() {
        ExperimentSpec s = source.spec();
        String name = name(s.name());
        Path data = data(s.data());
        List<String> methods = methods(s.methods(), "methods", Methods.names());
        List<Long> seeds = seeds(s.seeds());
        Map<String, List<Setting<?>>> sections = sections();
        SettingValues settings = SectionReader.read(s.train(), "train", sections.get("train"), prefix)
                .overriddenBy(SectionReader.read(s.encoder(), "encoder", sections.get("encoder"), prefix))
                .overriddenBy(SectionReader.read(s.options(), "options", sections.get("options"), prefix));
        SettingValues m = SectionReader.read(s.missing(), "missing", sections.get("missing"), prefix);
        MissingPlan missing = new MissingPlan(m.get(MissingSettings.RATES), m.get(MissingSettings.SEED),
                m.get(MissingSettings.MODALITY), m.get(MissingSettings.TRAINING_ONLY), m.get(MissingSettings.PROTOCOL));
        List<Experiment.Variant> variants = variants(s.variants(), methods);
        AnalysisPlan analysis = analysis(AnalysisPlan.read(s.analysis(), prefix), methods, variants);
        ExperimentSpec.Report report = s.report() == null ? new ExperimentSpec.Report(null, null) : s.report();
        List<String> gap = report.modalityGap() == null
                ? methods.stream().filter(x -> x.equals("mla") || x.equals("concat")).toList()
                : subset(report.modalityGap(), "report.modality_gap", methods);
        boolean curves = report.curves() == null || report.curves();
        require(!curves || settings.get(TrainSettings.VALIDATE_MODALITIES), "report.curves",
                "draws each modality's validation accuracy after every epoch, which train.validate_modalities: off "
                        + "does not record; set report.curves: false or validate_modalities: on");
        return new Experiment(source, source::where, name, s.description(), data, methods, seeds, settings, missing,
                variants, gap, curves, analysis);
    }

    /** The plan with the data-size methods checked against the experiment's; data_size makes its own variants. */
    private AnalysisPlan analysis(AnalysisPlan plan, List<String> methods, List<Experiment.Variant> variants) {
        if (plan.dataSize() == null) {
            return plan;
        }
        require(variants.isEmpty(), "analysis.data_size", "makes its own variants of the grid (one per training "
                + "fraction), so it cannot be combined with variants; run the ablation in a spec of its own");
        List<String> dataSizeMethods = methods(plan.dataSize().methods(), "analysis.data_size.methods", methods);
        require(!dataSizeMethods.isEmpty(), "analysis.data_size.methods", "names no method");
        return new AnalysisPlan(plan.robustness(), plan.convergence(), plan.cost(),
                new AnalysisPlan.DataSize(plan.dataSize().fractions(), dataSizeMethods));
    }

    private String name(String given) {
        String n = given;
        if (n == null) {
            n = source.file().getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
        }
        if (!NAME.matcher(n).matches()) {
            throw bad("name", "'" + n + "' must be letters, digits, '.', '_' or '-' (it names the results folder)");
        }
        return n;
    }

    private Path data(String given) {
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

    private List<String> methods(List<String> given, String key, List<String> valid) {
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

    /**
     * The methods a key such as {@code report.modality_gap} names, each of which must be a method of
     * the experiment. When {@code --set methods=…} removed some of the spec's methods (and the key
     * itself was not set on the command line), the ones removed are dropped here with an INFO line,
     * so narrowing a spec to fewer methods needs no second override; otherwise a name outside the
     * experiment's methods is refused with one line saying which keys to change.
     */
    private List<String> subset(List<String> given, String key, List<String> methods) {
        List<String> named = methods(given, key, Methods.names());
        List<String> kept = named.stream().filter(methods::contains).toList();
        List<String> dropped = named.stream().filter(m -> !methods.contains(m)).toList();
        if (dropped.isEmpty()) {
            return kept;
        }
        if (source.where("methods").startsWith("--set") && !source.where(key).startsWith("--set")) {
            String setBy = source.where("methods");
            LOG.info("{}: {} left out ({} keeps only {})", key, String.join(", ", dropped),
                    setBy.substring(0, setBy.lastIndexOf(": ")), String.join(", ", methods));
            return kept;
        }
        throw bad(key, "names " + String.join(", ", dropped) + ", not among the experiment's methods ("
                + String.join(", ", methods) + "); remove " + (dropped.size() == 1 ? "it" : "them") + " from " + key
                + " or add " + (dropped.size() == 1 ? "it" : "them") + " to methods");
    }

    private List<Long> seeds(JsonNode given) {
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
                        "entries must be integers in 0.." + Integer.MAX_VALUE + ", got " + ValueTypes.describe(s));
                list.add(s.asLong());
            }
            return List.copyOf(list);
        }
        throw bad("seeds", "must be a number of seeds (3 = seeds 0, 1, 2) or a list of seeds ([0, 1, 2]), got "
                + ValueTypes.describe(given));
    }

    private List<Experiment.Variant> variants(List<ExperimentSpec.Variant> given, List<String> methods) {
        if (given == null || given.isEmpty()) {
            return List.of();
        }
        List<Experiment.Variant> out = new ArrayList<>();
        Set<String> slugs = new HashSet<>();
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
            List<String> list = v.methods() == null ? methods : subset(v.methods(), key + ".methods", methods);
            require(!list.isEmpty(), key + ".methods", "keeps none of the experiment's methods ("
                    + String.join(", ", methods) + "); change " + key + ".methods or methods");
            SettingValues changes = SectionReader.read(v.options(), key + ".options", Methods.allSettings(), prefix);
            out.add(new Experiment.Variant(i, v.name().trim(), slug, list, changes, false));
        }
        return List.copyOf(out);
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
