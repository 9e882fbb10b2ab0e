package org.mla4j.train;

import java.util.List;
import org.mla4j.nn.ParameterGroup;
import org.mla4j.nn.ParameterSnapshot;

/**
 * Model selection: the epoch with the best validation fused accuracy so far and a host copy of its
 * parameters, put back into the model when training ends. On ties the first such epoch stays
 * ({@link TrainSettings.Selection#ACCURACY}) or, with {@link TrainSettings.Selection#ACCURACY_LOSS},
 * a later one replaces it when its validation cross-entropy is lower: on a small validation split
 * accuracy saturates (e.g. 100 samples at 100 %) while the loss still tells better models apart.
 */
final class BestEpoch {
    private final TrainSettings.Selection rule;
    private int epoch;
    private double accuracy;
    private double loss;
    private ParameterSnapshot parameters;

    BestEpoch(TrainSettings.Selection rule, int epoch, double accuracy, double loss, ParameterSnapshot parameters) {
        this.rule = rule;
        this.epoch = epoch;
        this.accuracy = epoch < 0 ? Double.NEGATIVE_INFINITY : accuracy;
        this.loss = epoch < 0 || Double.isNaN(loss) ? Double.POSITIVE_INFINITY : loss;
        this.parameters = parameters;
    }

    static BestEpoch none(TrainSettings.Selection rule) {
        return new BestEpoch(rule, -1, Double.NaN, Double.NaN, null);
    }

    /** Keeps {@code epoch} if it beats the best so far under the rule; says whether it did. */
    boolean offer(int epoch, double validationAccuracy, double validationLoss, List<ParameterGroup> groups) {
        boolean better = validationAccuracy > accuracy
                || rule == TrainSettings.Selection.ACCURACY_LOSS && validationAccuracy == accuracy
                && validationLoss < loss;
        if (!better) {
            return false;
        }
        this.epoch = epoch;
        this.accuracy = validationAccuracy;
        this.loss = validationLoss;
        this.parameters = ParameterSnapshot.of(groups);
        return true;
    }

    int epoch() {
        return epoch;
    }

    double accuracy() {
        return accuracy;
    }

    ParameterSnapshot parameters() {
        return parameters;
    }

    /** Puts the best epoch's parameters back (nothing when no epoch was kept). */
    void restoreInto(List<ParameterGroup> groups) {
        if (parameters != null) {
            parameters.restoreInto(groups);
        }
    }
}
