package org.mla4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code mla} command line. */
@Command(name = "mla", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Multimodal classification that keeps every modality learning (MLA and baselines).",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class,
                ExtractCommand.class, AudioParityCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code: 0 success, 1 failure, 2 bad input or usage. */
    public static int run(String... args) {
        return CliErrors.configure(new CommandLine(new Main())).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
