package org.mla4j.cli;

import java.util.ArrayList;
import java.util.List;
import org.mla4j.method.Methods;
import org.mla4j.nn.EncoderSettings;
import org.mla4j.run.MissingSettings;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import org.mla4j.train.TrainSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * Command-line options made from setting definitions: each setting becomes the option it names, with
 * its help text and default; values are checked by the setting (the same checks and messages as in a
 * spec file). Commands that train declare which settings they take ({@link Takes}); {@link Main}
 * installs them before parsing.
 */
final class SettingOptions {
    /** A command whose options include settings. */
    interface Takes {
        List<Setting<?>> settings();
    }

    private SettingOptions() {
    }

    /** Training, encoder and method settings: what every training command takes. */
    static List<Setting<?>> training() {
        List<Setting<?>> all = new ArrayList<>(TrainSettings.ALL);
        all.addAll(EncoderSettings.ALL);
        all.addAll(Methods.allSettings());
        return all;
    }

    /** {@link #training()} and the simulated missing modalities of a single run or a one-rate grid. */
    static List<Setting<?>> trainingWithMissing() {
        List<Setting<?>> all = training();
        all.addAll(MissingSettings.ALL);
        return all;
    }

    /** Adds an option per setting to {@code spec}. */
    static void install(CommandSpec spec, List<Setting<?>> settings) {
        for (Setting<?> s : settings) {
            String help = s.help().endsWith(".") ? s.help().substring(0, s.help().length() - 1) : s.help();
            OptionSpec.Builder b = OptionSpec.builder(s.option())
                    // picocli formats descriptions: a literal % (as in "70 %") must be doubled
                    .description((help + " (default: " + s.defaultDescription() + ").").replace("%", "%%"))
                    .paramLabel(s.label() != null ? s.label() : s.key().toUpperCase(java.util.Locale.ROOT));
            if (s == EncoderSettings.PER_MODALITY) {
                b.type(List.class).auxiliaryTypes(String.class); // repeatable
            } else {
                b.type(String.class);
            }
            spec.addOption(b.build());
        }
    }

    /** The values given on the command line for {@code settings}, each checked by its setting. */
    static SettingValues read(CommandSpec spec, List<Setting<?>> settings) {
        CommandLine.ParseResult result = spec.commandLine().getParseResult();
        SettingValues values = SettingValues.NONE;
        for (Setting<?> s : settings) {
            if (result.hasMatchedOption(s.option())) {
                List<String> texts = result.matchedOption(s.option()).stringValues();
                values = put(values, s, String.join(",", texts));
            }
        }
        return values;
    }

    private static <T> SettingValues put(SettingValues values, Setting<T> s, String text) {
        return values.with(s, s.parse(text, s.option()));
    }

    /** The option that sets the spec key {@code path} among {@code settings} (the key itself if none). */
    static String optionFor(String path, List<Setting<?>> settings) {
        return settings.stream().filter(s -> s.path().equals(path)).map(Setting::option).findFirst().orElse(path);
    }
}
