package org.mla4j.core;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;

/**
 * A method as the registry knows it: its command-line name, one line saying what it is, the options
 * it reads (each a {@link Setting}, so every command, spec and config file checks them alike) and how
 * to build it from their values.
 */
public record MethodDefinition(String name, String summary, List<Setting<?>> settings, Factory factory) {
    /** Builds a freshly initialised method from option values (defaults where none is given). */
    @FunctionalInterface
    public interface Factory {
        Method create(ModelSpec spec, SettingValues options, NDManager manager);
    }

    public MethodDefinition {
        settings = List.copyOf(settings);
    }

    /** A method without options. */
    public static MethodDefinition of(String name, String summary, Factory factory) {
        return new MethodDefinition(name, summary, List.of(), factory);
    }

    /** The method with {@code options}' values for its own settings (the others are ignored). */
    public Method create(ModelSpec spec, SettingValues options, NDManager manager) {
        return factory.create(spec, options.only(settings), manager);
    }
}
