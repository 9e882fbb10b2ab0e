package org.mla4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.mla4j.experiment.ExperimentSpec;
import org.mla4j.settings.Setting;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * Every setting is defined once: the options of {@code mla train} and the keys of an experiment spec
 * both come from the same definitions, so each {@code mla train --help} option is a spec key and
 * each spec key an option. The only exceptions are named here, with the reason.
 */
class OneDefinitionTest {
    /** Grid dimensions: one value per run on the command line, a list in a spec. */
    private static final Map<String, String> GRID = Map.of("--data", "data", "--method", "methods",
            "--seed", "seeds", "--missing-rate", "missing.rates");
    /**
     * What a single training command does with its output, not a setting of the run; and where it
     * computes ({@code --device}: recorded in provenance, the same bits on the CPU).
     */
    private static final Set<String> COMMAND_ONLY = Set.of("--out", "--force", "--checkpoint-every", "--resume",
            "--quiet", "--json", "--debug", "--verbose", "--help", "--version", "--device");
    /**
     * What only a spec describes: the experiment's name and text, ablation variants, the report's and the
     * experiment's analyses (their settings are options of {@code mla robustness}, not of a single run).
     */
    private static final Set<String> SPEC_ONLY = Set.of("name", "description", "variants", "report", "analysis");

    private static Map<String, String> specKeysByOption() {
        Map<String, String> byOption = new LinkedHashMap<>();
        for (Map.Entry<String, List<Setting<?>>> section : ExperimentSpec.sectionSettings().entrySet()) {
            for (Setting<?> s : section.getValue()) {
                assertThat(s.path()).as("a setting's key is in its section").startsWith(section.getKey() + ".");
                byOption.put(s.option(), s.path());
            }
        }
        return byOption;
    }

    @Test
    void everyTrainOptionIsASpecKeyAndViceVersa() {
        CommandLine train = Main.commandLine().getSubcommands().get("train");
        Map<String, String> settings = specKeysByOption();
        Set<String> specKeys = new TreeSet<>(settings.values());
        for (String top : ExperimentSpec.KEYS) {
            if (!List.of("train", "encoder", "options", "missing").contains(top)) {
                specKeys.add(top);
            }
        }
        Set<String> coveredKeys = new TreeSet<>();
        for (OptionSpec o : train.getCommandSpec().options()) {
            String name = o.longestName();
            if (COMMAND_ONLY.contains(name)) {
                continue;
            }
            String key = settings.containsKey(name) ? settings.get(name) : GRID.get(name);
            assertThat(key).as("mla train %s is a spec key", name).isNotNull();
            assertThat(specKeys).as("mla train %s", name).contains(key);
            coveredKeys.add(key);
        }
        for (String key : specKeys) {
            if (SPEC_ONLY.contains(key)) {
                continue;
            }
            assertThat(coveredKeys).as("spec key %s is an option of mla train", key).contains(key);
        }
    }

    @Test
    void optionsShowTheDefinitionsHelpAndDefault() {
        CommandLine train = Main.commandLine().getSubcommands().get("train");
        for (Map.Entry<String, List<Setting<?>>> section : ExperimentSpec.sectionSettings().entrySet()) {
            for (Setting<?> s : section.getValue()) {
                OptionSpec o = train.getCommandSpec().findOption(s.option());
                assertThat(o).as(s.option()).isNotNull();
                assertThat(String.join(" ", o.description())).as(s.option())
                        .contains("(default: " + s.defaultDescription() + ")");
            }
        }
    }
}
