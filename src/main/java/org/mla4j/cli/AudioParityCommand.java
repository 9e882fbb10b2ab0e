package org.mla4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mla4j.data.raw.LogMelParity;
import org.mla4j.data.raw.audio.LogMelParams;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mla audio-parity}: checks the Java log-mel features of every row against a reference .npy. */
@Command(name = "audio-parity", header = "Check the Java log-mel features against a reference .npy.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compute the log-mel features of every audio file of an index.csv and compare them, value by",
                "value, with a reference .npy (row i of the index = row i of the reference). Prints the largest",
                "absolute difference, the row where it occurs, the number of rows above the tolerance and the time;",
                "exits with 1 if any row is above the tolerance."})
final class AudioParityCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--index", required = true, paramLabel = "CSV",
            description = "index.csv with columns id,label,audio,image (paths relative to it).")
    Path index;

    @Option(names = "--reference", required = true, paramLabel = "NPY", description = "Reference features, N × dim.")
    Path reference;

    @Option(names = "--preset", defaultValue = "av_mnist_fsdd", paramLabel = "NAME",
            description = "Log-mel recipe: av_mnist_fsdd or kaldi_fbank (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--tolerance", defaultValue = "1e-3",
            description = "Largest allowed absolute difference per value (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        LogMelParams params = switch (preset) {
            case "av_mnist_fsdd" -> LogMelParams.avMnistFsdd();
            case "kaldi_fbank" -> LogMelParams.kaldiFbank();
            default -> throw new InvalidInputException("--preset must be av_mnist_fsdd or kaldi_fbank, got '" + preset + "'");
        };
        if (!(tolerance >= 0)) {
            throw new InvalidInputException("--tolerance must be >= 0, got " + tolerance);
        }
        LogMelParity.Report r = LogMelParity.compare(index, reference, params);
        long above = r.rowsAbove(tolerance);
        String text = String.format(Locale.ROOT, "rows compared:     %d%nmax abs diff:      %.3e%nworst row:         %d (%s)%n"
                        + "rows above %.0e: %d%ntime:              %.1f s%n%s%n", r.rows().length, r.maxAbsDiff(), r.worstRow(),
                r.worstId(), tolerance, above, r.millis() / 1000.0, above == 0 ? "PASS" : "FAIL");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rows", r.rows().length);
        json.put("max_abs_diff", r.maxAbsDiff());
        json.put("worst_row", r.worstRow());
        json.put("worst_id", r.worstId());
        json.put("tolerance", tolerance);
        json.put("rows_above_tolerance", above);
        json.put("seconds", r.millis() / 1000.0);
        output.print(spec.commandLine().getOut(), text, Json.write(json));
        return above == 0 ? 0 : 1;
    }
}
