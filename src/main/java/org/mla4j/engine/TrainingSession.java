package org.mla4j.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;
import java.util.SplittableRandom;
import org.mla4j.core.TrainingStep;

/**
 * The engine side of one training run: the optimiser's state (momentum buffers, cached gradient
 * handles, the background update thread) and the backward passes left for later. The training loop
 * opens one per run, starts an epoch, brackets every batch with {@link #startBatch} and
 * {@link #endBatch}, and ends the epoch; until then updates may still be running.
 */
public final class TrainingSession implements AutoCloseable {
    private final Engine engine = Engine.getEngine("PyTorch");
    private final NDManager manager;
    private final Optimizer optimizer;
    private final ParameterStore store;
    private final DeferredBackward deferred = new DeferredBackward();
    private EpochStep current;

    public TrainingSession(NDManager manager, OptimizerSpec optimizer) {
        this.manager = manager;
        this.optimizer = new Optimizer(manager, optimizer);
        this.store = new ParameterStore(manager, false);
    }

    /** The step methods train with during {@code epoch}. */
    public TrainingStep startEpoch(int epoch, float learningRate, SplittableRandom random) {
        if (current != null) {
            throw new IllegalStateException("epoch " + current.epoch() + " has not ended");
        }
        current = new EpochStep(engine, optimizer, store, deferred, random, manager, epoch, learningRate);
        return current;
    }

    /**
     * Names the model's parameter arrays while they are in the model's own managers (before any batch
     * borrows them); their groups can then be laid flat ({@link Optimizer#registerParameters}).
     */
    public void registerParameters(NDArray... arrays) {
        optimizer.registerParameters(arrays);
    }

    /** Before a batch: arrays computed from gradients during it land in {@code batchManager}. */
    public void startBatch(NDManager batchManager) {
        optimizer.lendGradients(batchManager);
    }

    /** After a batch: backward shares no update asked for are dropped with the batch's arrays. */
    public void endBatch() {
        deferred.clear();
    }

    /** Waits for every update; returns the epoch's mean losses. Afterwards the model may be read. */
    public Map<String, Double> endEpoch() {
        optimizer.awaitAll();
        try {
            return current.meanLosses();
        } finally {
            current.close();
            current = null;
        }
    }

    /** A parameter's optimiser state by name suffix (bit-exact checkpoints), empty before its first update. */
    public Map<String, float[]> optimizerState(Parameter parameter) {
        return optimizer.exportState(parameter);
    }

    /** Restores {@link #optimizerState}'s form. */
    public void restoreOptimizerState(Parameter parameter, Map<String, float[]> state) {
        optimizer.restoreState(parameter, state);
    }

    @Override
    public void close() {
        try {
            if (current != null) {
                current.close();
            }
        } finally {
            optimizer.close();
        }
    }
}
