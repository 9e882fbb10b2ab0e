package org.mla4j.method;

import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mla4j.core.Method;
import org.mla4j.core.ModelSpec;
import org.mla4j.io.InvalidInputException;
import org.mla4j.method.baseline.BiGated;
import org.mla4j.method.baseline.Concat;
import org.mla4j.method.baseline.Film;
import org.mla4j.method.baseline.LateFusion;
import org.mla4j.method.baseline.OgmGe;
import org.mla4j.method.baseline.OgmModulation;
import org.mla4j.method.baseline.Qmf;
import org.mla4j.method.baseline.Sum;
import org.mla4j.method.mla.Mla;
import org.mla4j.method.shared.FusionMode;

/** The registry of methods by command-line name. */
public final class Methods {
    /** Builds a freshly initialised method. */
    @FunctionalInterface
    public interface Factory {
        Method create(ModelSpec spec, MethodOptions options, NDManager manager);
    }

    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("mla", (spec, o, manager) ->
                new Mla(spec, new Mla.Options(o.hgm(), o.hgmAlpha(), o.hgmFeatures(), o.fusion()), manager));
        FACTORIES.put("sum", (spec, o, manager) -> new Sum(spec, manager));
        FACTORIES.put("concat", (spec, o, manager) -> new Concat(spec, manager));
        FACTORIES.put("late", (spec, o, manager) -> new LateFusion(spec, o.fusion(), manager));
        FACTORIES.put("film", (spec, o, manager) -> new Film(spec, o.conditionModality(), manager));
        FACTORIES.put("bigated", (spec, o, manager) -> new BiGated(spec, o.conditionModality(), manager));
        FACTORIES.put("ogm-ge", (spec, o, manager) ->
                new OgmGe(spec, new OgmModulation(o.ogmAlpha(), o.ogmStartEpoch(), o.ogmEndEpoch()), manager));
        FACTORIES.put("qmf", (spec, o, manager) -> new Qmf(spec, o.qmfTemperature(), o.qmfRankingWeight(), manager));
    }

    private Methods() {
    }

    public static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /** Builds the named method, or explains which names exist. */
    public static Method create(String name, ModelSpec spec, MethodOptions options, NDManager manager) {
        Factory factory = FACTORIES.get(name);
        if (factory == null) {
            throw new InvalidInputException("unknown method '" + name + "'; valid: " + String.join(", ", names()));
        }
        return factory.create(spec, options, manager);
    }

    /**
     * The test-time fusion a method uses when {@code --fusion} is not given: the plain mean for late
     * fusion (the spec's definition of that baseline), MLA's dynamic fusion otherwise (only MLA and
     * late fusion read it).
     */
    public static FusionMode defaultFusion(String name) {
        return name.equals("late") ? FusionMode.MEAN : FusionMode.DYNAMIC;
    }

    public static void requireKnown(String name) {
        if (!FACTORIES.containsKey(name)) {
            throw new InvalidInputException("unknown method '" + name + "'; valid: " + String.join(", ", names()));
        }
    }
}
