package org.mla4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** Entry point of the {@code mla} command line. */
@Command(name = "mla", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Multimodal classification that keeps every modality learning (MLA and baselines).",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, CompareCommand.class,
                MissingCommand.class, IsolationCommand.class, RobustnessCommand.class, RunCommand.class,
                ReportCommand.class, ExtractCommand.class, AudioParityCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code: 0 success, 1 failure, 2 bad input or usage. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line (error handling included), e.g. to redirect its output in tests. */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new Main()));
    }

    /** Error handling, and the log level of each command ({@code --verbose}, {@code --quiet}). */
    private static CommandLine configure(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommand() instanceof SettingOptions.Takes takes) {
                SettingOptions.install(sub.getCommandSpec(), takes.settings());
            }
        }
        CliErrors.configure(cl);
        cl.setExecutionStrategy(parseResult -> {
            CommandLine.ParseResult leaf = parseResult;
            while (leaf.subcommand() != null) {
                leaf = leaf.subcommand();
            }
            Logging.apply(leaf.hasMatchedOption("--verbose"), leaf.hasMatchedOption("--quiet"));
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cl;
    }

    /** Runs the CLI in-process with its output and errors sent to the given writers (tests, embedding). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
