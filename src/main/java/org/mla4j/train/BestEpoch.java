package org.mla4j.train;

import java.util.List;
import org.mla4j.nn.ParameterGroup;
import org.mla4j.nn.ParameterSnapshot;

/**
 * Model selection: the epoch with the best validation fused accuracy so far (the first on ties) and
 * a host copy of its parameters, put back into the model when training ends.
 */
final class BestEpoch {
    private int epoch;
    private double accuracy;
    private ParameterSnapshot parameters;

    BestEpoch(int epoch, double accuracy, ParameterSnapshot parameters) {
        this.epoch = epoch;
        this.accuracy = epoch < 0 ? Double.NEGATIVE_INFINITY : accuracy;
        this.parameters = parameters;
    }

    static BestEpoch none() {
        return new BestEpoch(-1, Double.NaN, null);
    }

    /** Keeps {@code epoch} if its accuracy beats the best so far; says whether it did. */
    boolean offer(int epoch, double validationAccuracy, List<ParameterGroup> groups) {
        if (!(validationAccuracy > accuracy)) {
            return false;
        }
        this.epoch = epoch;
        this.accuracy = validationAccuracy;
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
