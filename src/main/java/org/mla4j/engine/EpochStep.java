package org.mla4j.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.mla4j.core.TrainingStep;
import org.mla4j.nn.ParameterGroup;

/**
 * The engine's {@link TrainingStep} for one epoch. A group that was {@linkplain #encode encoded} is
 * updated together with the rest of its backward pass; the first such group of each backward pass on
 * the optimiser's background thread where there is a spare core ({@link Optimizer#updateInBackground}),
 * beside whatever this thread does next; every other update runs in place. Losses
 * are summed on the engine and read once per epoch, so recording one does not synchronise.
 */
final class EpochStep implements TrainingStep {
    private final Engine engine;
    private final Optimizer optimizer;
    private final ParameterStore store;
    private final DeferredBackward deferred;
    private final SplittableRandom random;
    private final NDManager lossManager;
    private final Map<String, NDArray> lossSums = new LinkedHashMap<>();
    private final Map<String, Integer> lossCounts = new LinkedHashMap<>();
    private final int epoch;
    private final float learningRate;
    /** Backward passes begun (collectors opened) this epoch, and the last one a share went to the background from. */
    private int pass;
    private int backgroundPass = -1;

    EpochStep(Engine engine, Optimizer optimizer, ParameterStore store, DeferredBackward deferred, SplittableRandom random,
              NDManager parent, int epoch, float learningRate) {
        this.engine = engine;
        this.optimizer = optimizer;
        this.store = store;
        this.deferred = deferred;
        this.random = random;
        this.lossManager = parent.newSubManager();
        this.epoch = epoch;
        this.learningRate = learningRate;
    }

    @Override
    public int epoch() {
        return epoch;
    }

    @Override
    public float learningRate() {
        return learningRate;
    }

    @Override
    public SplittableRandom random() {
        return random;
    }

    @Override
    public GradientCollector collector() {
        pass++;
        return engine.newGradientCollector();
    }

    @Override
    public NDArray through(ParameterGroup group, NDArray input) {
        optimizer.await(group); // its update from an earlier turn may still be running
        return group.forward(store, input, true);
    }

    @Override
    public NDArray encode(ParameterGroup group, NDArray input) {
        return deferred.cut(group, input, through(group, input), pass);
    }

    @Override
    public void backward(NDArray target, NDArray gradient) {
        Autograd.backward(target, gradient);
    }

    @Override
    public NDArray gradient(Parameter parameter) {
        deferred.finishOwnerOf(parameter);
        return optimizer.gradient(parameter);
    }

    @Override
    public void update(ParameterGroup group) {
        DeferredBackward.Share rest = deferred.take(group);
        if (optimizer.clips()) { // the group's whole gradient first, then its norm, then the update: all here
            if (rest != null) {
                rest.task().run();
            }
            optimizer.clipAndUpdate(group.parameters(), learningRate);
            return;
        }
        if (rest != null && rest.pass() != backgroundPass) {
            // one share per backward pass goes beside the next work; the others run here, in parallel with it
            backgroundPass = rest.pass();
            optimizer.updateInBackground(group, rest.task(), group.parameters(), learningRate);
            return;
        }
        if (rest != null) {
            rest.task().run();
        }
        optimizer.update(group.parameters(), learningRate);
    }

    @Override
    public void update(Parameter parameter) {
        deferred.finishOwnerOf(parameter);
        optimizer.update(parameter, learningRate);
    }

    @Override
    public void update(Parameter parameter, NDArray gradient) {
        optimizer.update(parameter, gradient, learningRate);
    }

    @Override
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
    Map<String, Double> meanLosses() {
        Map<String, Double> means = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : lossSums.entrySet()) {
            means.put(e.getKey(), e.getValue().getFloat() / (double) lossCounts.get(e.getKey()));
        }
        return means;
    }

    void close() {
        lossManager.close();
    }
}
