package org.mla4j.experiment;

import java.util.List;
import org.mla4j.data.MissingProtocol;
import org.mla4j.run.MissingSpec;

/**
 * The missing-modality dimension of an experiment: the rates it trains (ascending; {@code [0]} for
 * complete data only), and how each rate's mask is drawn.
 *
 * @param seed         the mask's seed (null: each run's own seed)
 * @param modality     the only modality to drop (null: every modality)
 * @param trainingOnly drop only in the training split
 */
public record MissingPlan(List<Double> rates, Long seed, String modality, boolean trainingOnly,
                          MissingProtocol protocol) {
    public static final MissingPlan NONE = new MissingPlan(List.of(0.0), null, null, false);

    /** Independent masking. */
    public MissingPlan(List<Double> rates, Long seed, String modality, boolean trainingOnly) {
        this(rates, seed, modality, trainingOnly, MissingProtocol.INDEPENDENT);
    }

    public MissingPlan {
        protocol = protocol == null ? MissingProtocol.INDEPENDENT : protocol;
        rates = List.copyOf(new java.util.TreeSet<>(rates.stream().map(r -> r == 0 ? 0.0 : r).toList()));
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("an experiment needs at least one missing rate (0 for complete data)");
        }
    }

    /** The mask of one run. */
    public MissingSpec at(double rate, long runSeed) {
        return rate == 0 ? MissingSpec.NONE
                : new MissingSpec(rate, seed != null ? seed : runSeed, modality, trainingOnly, protocol);
    }
}
