package org.mla4j.cli;

import java.util.Locale;
import java.util.Map;
import org.mla4j.eval.SplitMetrics;
import org.mla4j.run.RunOutcome;

/** Renders a run's metrics as a small text table (percentages). */
final class MetricsTable {
    private MetricsTable() {
    }

    static String render(RunOutcome outcome) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s on %s, seed %d: best validation at epoch %d/%d (%.1f s)%n",
                outcome.config().method(), outcome.datasetName(), outcome.config().seed(), outcome.bestEpoch() + 1,
                outcome.config().epochs(), outcome.trainSeconds()));
        sb.append(render(Map.of("validation", outcome.validation(), "test", outcome.test())));
        return sb.toString();
    }

    static String render(Map<String, SplitMetrics> splits) {
        StringBuilder sb = new StringBuilder();
        SplitMetrics any = splits.values().iterator().next();
        sb.append(String.format(Locale.ROOT, "%-12s %8s %8s", "split", "fused", "macroF1"));
        any.modalityAccuracy().keySet().forEach(m -> sb.append(String.format(Locale.ROOT, " %20s", m)));
        sb.append('\n');
        for (String name : new String[] {"validation", "test"}) {
            SplitMetrics s = splits.get(name);
            if (s == null) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%-12s %7.2f%% %7.2f%%", name, 100 * s.fusedAccuracy(), 100 * s.macroF1()));
            any.modalityAccuracy().keySet().forEach(m -> {
                Double acc = s.modalityAccuracy().get(m);
                sb.append(acc == null ? String.format(Locale.ROOT, " %20s", "-")
                        : String.format(Locale.ROOT, " %19.2f%%", 100 * acc));
            });
            sb.append('\n');
        }
        return sb.toString();
    }
}
