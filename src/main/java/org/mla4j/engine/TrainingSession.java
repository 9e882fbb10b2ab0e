package org.mla4j.engine;

import ai.djl.engine.Engine;
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
    private final Sgd sgd;
    private final ParameterStore store;
    private final DeferredBackward deferred = new DeferredBackward();
    private EpochStep current;

    public TrainingSession(NDManager manager, float momentum, float weightDecay) {
        this.manager = manager;
        this.sgd = new Sgd(manager, momentum, weightDecay);
        this.store = new ParameterStore(manager, false);
    }

    /** The step methods train with during {@code epoch}. */
    public TrainingStep startEpoch(int epoch, float learningRate, SplittableRandom random) {
        if (current != null) {
            throw new IllegalStateException("epoch " + current.epoch() + " has not ended");
        }
        current = new EpochStep(engine, sgd, store, deferred, random, manager, epoch, learningRate);
        return current;
    }

    /** Before a batch: arrays computed from gradients during it land in {@code batchManager}. */
    public void startBatch(NDManager batchManager) {
        sgd.lendGradients(batchManager);
    }

    /** After a batch: backward shares no update asked for are dropped with the batch's arrays. */
    public void endBatch() {
        deferred.clear();
    }

    /** Waits for every update; returns the epoch's mean losses. Afterwards the model may be read. */
    public Map<String, Double> endEpoch() {
        sgd.awaitAll();
        try {
            return current.meanLosses();
        } finally {
            current.close();
            current = null;
        }
    }

    /** The velocity {@code v = lr·b} of a parameter (bit-exact checkpoints), null before its first update. */
    public float[] velocity(Parameter parameter) {
        return sgd.velocity(parameter);
    }

    /** The learning rate a velocity is scaled by. */
    public float velocityScale(Parameter parameter) {
        return sgd.velocityScale(parameter);
    }

    /** Restores a velocity saved by {@link #velocity} with its scale. */
    public void setVelocity(Parameter parameter, float[] velocity, float scale) {
        sgd.setVelocity(parameter, velocity, scale);
    }

    @Override
    public void close() {
        try {
            if (current != null) {
                current.close();
            }
        } finally {
            sgd.close();
        }
    }
}
