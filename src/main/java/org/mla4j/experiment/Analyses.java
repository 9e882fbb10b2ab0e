package org.mla4j.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.io.InvalidInputException;
import org.mla4j.train.TrainSettings;

/**
 * The analyses an experiment keeps beside its runs, computed from the saved models so that the
 * report only draws: the embedding analysis ({@link EmbeddingAnalysis}) of every finished run of a
 * modality-gap method, and — when the spec asks ({@link AnalysisPlan}) — each run's robustness
 * ({@link RobustnessAnalysis}) and cost ({@link CostAnalysis}), all at the experiment's first missing
 * rate; then the experiment-level tables of the asked analyses go to {@code analyses.md} and
 * {@code analyses.json} in the results directory ({@link AnalysisFiles}). Runs that already hold
 * theirs (made with the same plan) are left alone, so this is cheap to call after every grid and
 * before every report.
 */
public final class Analyses {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Analyses.class);

    private Analyses() {
    }

    /**
     * Computes the analyses the results lack.
     *
     * @param dataOverride the dataset folder to embed the test samples of, or null for the recorded one
     * @param loaded       the runs' dataset when the caller has it loaded already, or null
     */
    public static void complete(ExperimentResults results, Path dataOverride, MultimodalDataset loaded) {
        Map<Path, MultimodalDataset> datasets = new HashMap<>();
        if (loaded != null && dataOverride == null && loaded.checksum().equals(results.dataset().sha256())) {
            datasets.put(Path.of(results.dataset().absolutePath()).toAbsolutePath().normalize(), loaded);
        }
        Function<Path, MultimodalDataset> load = recorded -> dataset(results, recorded, dataOverride, datasets);
        embeddings(results, load);
        AnalysisPlan plan = AnalysisPlan.of(results);
        if (plan.isEmpty()) {
            return;
        }
        double rate = results.rates().get(0);
        for (ExperimentResults.Row row : analysedRows(results)) {
            for (ExperimentResults.RunRecord run : results.finished(row.label(), rate)) {
                Path dir = results.runDirectory(run);
                if (plan.robustness() != null) {
                    RobustnessAnalysis saved = RobustnessAnalysis.read(dir);
                    if (saved == null || !saved.plan().equals(plan.robustness())) {
                        LOG.debug("robustness: evaluating {} on the corrupted test split", dir);
                        RobustnessAnalysis.compute(dir, load, plan.robustness());
                    }
                }
                if (plan.cost() != null) {
                    CostAnalysis saved = CostAnalysis.read(dir);
                    if (saved == null || !saved.matches(plan.cost())) {
                        LOG.debug("cost: timing inference{} of {}", plan.cost().memory() ? " and memory" : "", dir);
                        CostAnalysis.compute(dir, load, plan.cost());
                    }
                }
            }
        }
        AnalysisFiles.write(results, plan);
    }

    /** The rows the per-run analyses cover: the experiment's own, not the data-size runs. */
    static List<ExperimentResults.Row> analysedRows(ExperimentResults results) {
        return results.rows().stream().filter(r -> !r.changes().containsKey(TrainSettings.TRAIN_FRACTION.key()))
                .toList();
    }

    /** The embedding analysis of every finished run of a modality-gap method. */
    private static void embeddings(ExperimentResults results, Function<Path, MultimodalDataset> load) {
        if (results.gapMethods().isEmpty() || results.dataset().modalities().size() < 2) {
            return;
        }
        double rate = results.rates().get(0);
        for (ExperimentResults.Row row : results.rows()) {
            if (!results.gapMethods().contains(row.method())) {
                continue;
            }
            for (ExperimentResults.RunRecord run : results.finished(row.label(), rate)) {
                Path dir = results.runDirectory(run);
                if (EmbeddingAnalysis.read(dir) == null) {
                    LOG.debug("modality gap: embedding the test split with {}", dir);
                    EmbeddingAnalysis.compute(dir, load);
                }
            }
        }
    }

    /** The dataset the runs used, loaded once per folder and checked against the recorded checksum. */
    private static MultimodalDataset dataset(ExperimentResults results, Path recorded, Path override,
                                             Map<Path, MultimodalDataset> cache) {
        Path folder = override != null ? override
                : Files.exists(recorded) ? recorded : Path.of(results.dataset().absolutePath());
        return cache.computeIfAbsent(folder.toAbsolutePath().normalize(), p -> {
            if (!Files.exists(p)) {
                throw new InvalidInputException(recorded + ": the runs' dataset is not there any more (nor at "
                        + results.dataset().absolutePath() + "); pass its folder with --data");
            }
            MultimodalDataset ds = DatasetLoader.load(p);
            if (!ds.checksum().equals(results.dataset().sha256())) {
                throw new InvalidInputException(p + ": this dataset differs from the one the runs were trained on "
                        + "(SHA-256 " + ds.checksum() + ", recorded " + results.dataset().sha256() + ")");
            }
            return ds;
        });
    }
}
