package org.mla4j.train;

import java.util.List;
import java.util.Map;
import org.mla4j.nn.ParameterSnapshot;

/**
 * Everything the training loop needs to continue a run exactly where it stopped, held on the host:
 * taken at the end of an epoch, written by a checkpoint, and handed back to
 * {@link Trainer#fit} to resume. The learning rate and every random draw of the next epoch follow
 * from the configuration and {@link #epochsDone} ({@link EpochRandom}), so they need no state here.
 *
 * @param epochsDone         epochs completed; the next epoch to run (0-based)
 * @param history            one record per completed epoch
 * @param bestEpoch          epoch with the best validation fused accuracy so far (−1: none yet)
 * @param bestAccuracy       that accuracy
 * @param best               the parameters of {@code bestEpoch} (null when none)
 * @param parameters         the current parameters
 * @param momentum           the optimiser's momentum buffers by parameter name (parameters that were
 *                           never updated have none)
 * @param methodState        the method's own state ({@link org.mla4j.core.MethodState})
 * @param elapsedSeconds     training time spent so far, over every session of the run
 */
public record TrainingState(int epochsDone, List<EpochRecord> history, int bestEpoch, double bestAccuracy,
                            ParameterSnapshot best, ParameterSnapshot parameters, ParameterSnapshot momentum,
                            Map<String, double[]> methodState, double elapsedSeconds) {
    public TrainingState {
        history = List.copyOf(history);
        methodState = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(methodState)); // keeps file order stable
        if (history.size() != epochsDone) {
            throw new IllegalArgumentException("history has " + history.size() + " epochs but " + epochsDone
                    + " are done");
        }
    }
}
