package org.mla4j.method;

import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mla4j.data.InvalidInputException;

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

    public static void requireKnown(String name) {
        if (!FACTORIES.containsKey(name)) {
            throw new InvalidInputException("unknown method '" + name + "'; valid: " + String.join(", ", names()));
        }
    }
}
