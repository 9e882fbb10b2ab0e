package org.mla4j.run;

import java.util.List;
import org.mla4j.core.ModelSpec;
import org.mla4j.data.Standardizer;
import org.mla4j.eval.SplitMetrics;
import org.mla4j.nn.ParameterSnapshot;
import org.mla4j.train.EpochRecord;

/**
 * What a finished run produced: metrics of the selected model, its history, the model itself, and
 * the modalities no training sample had (untrained: left out of every prediction).
 */
public record RunOutcome(RunConfig config, ModelSpec spec, List<String> classNames, int bestEpoch,
                         SplitMetrics validation, SplitMetrics test, SplitMetrics lastEpochTest,
                         List<EpochRecord> history, ParameterSnapshot parameters, Standardizer standardizer,
                         double trainSeconds, String datasetName, String datasetChecksum,
                         List<String> untrainedModalities) {
}
