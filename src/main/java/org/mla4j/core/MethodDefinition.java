package org.mla4j.core;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;

/**
 * A method as the registry knows it: its command-line name, one line saying what it is, the options
 * it reads (each a {@link Setting}, so every command, spec and config file checks them alike), how
 * to build it from their values, and its own training recipe: the training settings its paper uses
 * where they differ from the shared protocol's defaults (e.g. Adam for the missing-modality
 * baselines). A value given on the command line or in a spec overrides the recipe.
 */
public record MethodDefinition(String name, String summary, List<Setting<?>> settings, Factory factory,
                               SettingValues recipe) {
    /** Builds a freshly initialised method from option values (defaults where none is given). */
    @FunctionalInterface
    public interface Factory {
        Method create(ModelSpec spec, SettingValues options, NDManager manager);
    }

    public MethodDefinition {
        settings = List.copyOf(settings);
        recipe = recipe == null ? SettingValues.NONE : recipe;
    }

    /** A method trained with the shared protocol's defaults. */
    public MethodDefinition(String name, String summary, List<Setting<?>> settings, Factory factory) {
        this(name, summary, settings, factory, SettingValues.NONE);
    }

    /** A method without options, trained with the shared protocol's defaults. */
    public static MethodDefinition of(String name, String summary, Factory factory) {
        return new MethodDefinition(name, summary, List.of(), factory);
    }

    /** The method with {@code options}' values for its own settings (the others are ignored). */
    public Method create(ModelSpec spec, SettingValues options, NDManager manager) {
        return factory.create(spec, options.only(settings), manager);
    }
}
