package org.mla4j.core;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.mla4j.engine.Sgd;

/**
 * What a method needs during one epoch of training: the learning rate, the optimiser, a
 * parameter store for forward passes, gradient collectors, a seeded random source, and loss
 * accounting. Losses are summed on the engine and read once per epoch, so recording a loss does not
 * force the engine to synchronise at every step.
 */
public final class TrainingStep {
    private final Engine engine;
    private final Sgd sgd;
    private final ParameterStore store;
    private final SplittableRandom random;
    private final NDManager lossManager;
    private final Map<String, NDArray> lossSums = new LinkedHashMap<>();
    private final Map<String, Integer> lossCounts = new LinkedHashMap<>();
    private final int epoch;
    private float learningRate;

    public TrainingStep(Engine engine, Sgd sgd, ParameterStore store, SplittableRandom random, NDManager parent,
                 int epoch, float learningRate) {
        this.engine = engine;
        this.sgd = sgd;
        this.store = store;
        this.random = random;
        this.lossManager = parent.newSubManager();
        this.epoch = epoch;
        this.learningRate = learningRate;
    }

    public float learningRate() {
        return learningRate;
    }

    public int epoch() {
        return epoch;
    }

    public Sgd sgd() {
        return sgd;
    }

    public ParameterStore store() {
        return store;
    }

    /** Seeded per run: methods draw from it (never from an unseeded source) so runs repeat exactly. */
    public SplittableRandom random() {
        return random;
    }

    /** A gradient collector; only one may be open at a time. */
    public GradientCollector collector() {
        return engine.newGradientCollector();
    }

    /** Adds a scalar loss (mean over its batch) under a name such as {@code loss_image}. */
    public void recordLoss(String name, NDArray loss) {
        NDArray value = loss.stopGradient();
        NDArray sum = lossSums.get(name);
        if (sum == null) {
            NDArray copy = value.duplicate();
            copy.attach(lossManager);
            lossSums.put(name, copy);
        } else {
            sum.addi(value);
        }
        lossCounts.merge(name, 1, Integer::sum);
    }

    /** Mean of each recorded loss over the epoch (reads the engine once per name). */
    public Map<String, Double> meanLosses() {
        Map<String, Double> means = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : lossSums.entrySet()) {
            means.put(e.getKey(), e.getValue().getFloat() / (double) lossCounts.get(e.getKey()));
        }
        return means;
    }

    public void close() {
        lossManager.close();
    }
}
