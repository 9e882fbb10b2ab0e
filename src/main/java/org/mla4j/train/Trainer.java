package org.mla4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.mla4j.core.Method;
import org.mla4j.core.TensorSplit;
import org.mla4j.core.TrainingStep;
import org.mla4j.engine.FlushToZero;
import org.mla4j.engine.Sgd;
import org.mla4j.eval.Evaluator;
import org.mla4j.eval.SplitMetrics;
import org.mla4j.nn.ParameterGroup;
import org.mla4j.nn.ParameterSnapshot;

/**
 * The shared training loop: shuffled mini-batches (last partial batch kept), the method's batch
 * step, step learning-rate decay, validation after every epoch, and model selection by validation
 * fused accuracy (first epoch on ties). At the end the model holds the selected epoch's parameters.
 * Each epoch shuffles the rows afresh with a generator derived from (seed, epoch), so an epoch's
 * order does not depend on the epochs before it and a resumed run repeats it exactly.
 */
public final class Trainer {
    private final Engine engine = Engine.getEngine("PyTorch");

    /** Raised when a loss becomes NaN or infinite: training cannot continue. */
    public static final class DivergedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DivergedException(String message) {
            super(message);
        }
    }

    /** Raised when a saved state does not fit the method it is restored into (names, shapes). */
    public static final class IncompatibleStateException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        IncompatibleStateException(String message) {
            super(message);
        }
    }

    public TrainResult fit(Method method, TensorSplit fit, TensorSplit validation, TensorSplit test,
                           List<String> modalityNames, TrainConfig config, NDManager manager, EpochListener listener) {
        return fit(method, fit, validation, test, modalityNames, config, manager, listener, null, Checkpointer.NONE);
    }

    /**
     * Trains from scratch ({@code resume == null}) or continues from a saved state, saving states as
     * {@code checkpointer} asks. Resuming gives exactly the run an uninterrupted one would have: the
     * state holds parameters, momentum, method state, history and the best snapshot, and each epoch's
     * randomness is derived from (seed, epoch) alone ({@link EpochRandom}).
     */
    public TrainResult fit(Method method, TensorSplit fit, TensorSplit validation, TensorSplit test,
                           List<String> modalityNames, TrainConfig config, NDManager manager, EpochListener listener,
                           TrainingState resume, Checkpointer checkpointer) {
        long start = System.nanoTime();
        double earlierSeconds = resume == null ? 0 : resume.elapsedSeconds();
        List<EpochRecord> history = new ArrayList<>(resume == null ? List.of() : resume.history());
        NDArray[] parameterArrays = method.groups().stream().map(ParameterGroup::arrays)
                .flatMap(java.util.Arrays::stream).toArray(NDArray[]::new);
        ParameterSnapshot best = resume == null ? null : resume.best();
        int bestEpoch = resume == null ? -1 : resume.bestEpoch();
        double bestAccuracy = resume == null || resume.bestEpoch() < 0 ? Double.NEGATIVE_INFINITY : resume.bestAccuracy();
        int firstEpoch = resume == null ? 0 : resume.epochsDone();
        int batches = (fit.size() + config.batchSize() - 1) / config.batchSize();
        try (FlushToZero flush = FlushToZero.enable(); // denormal gradients late in training are slow (see class)
             Sgd sgd = new Sgd(manager, config.momentum(), config.weightDecay())) {
            if (resume != null) {
                restore(method, sgd, resume, manager);
            }
            ParameterStore store = new ParameterStore(manager, false);
            for (int epoch = firstEpoch; epoch < config.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                float lr = config.schedule().at(epoch);
                SplittableRandom random = EpochRandom.of(config.seed(), epoch);
                engine.setRandomSeed(EpochRandom.engineSeed(config.seed(), epoch));
                int[] order = identity(fit.size());
                shuffle(order, random);
                TrainingStep step = new TrainingStep(engine, sgd, store, random, manager, epoch, lr);
                Map<String, Double> losses;
                try (NDManager epochManager = manager.newSubManager()) {
                    TensorSplit shuffled = fit.reordered(order, epochManager);
                    for (int b = 0; b < batches; b++) {
                        int from = b * config.batchSize();
                        int to = Math.min(fit.size(), from + config.batchSize());
                        try (NDManager batchManager = manager.newSubManager()) {
                            batchManager.tempAttachAll(parameterArrays);
                            sgd.lendGradients(batchManager);
                            method.trainBatch(shuffled.slice(batchManager, from, to), step);
                        }
                        listener.onBatch(epoch, b, batches);
                    }
                    sgd.awaitAll(); // validation and checkpoints read the whole model
                    losses = step.meanLosses();
                } finally {
                    step.close();
                }
                for (Map.Entry<String, Double> e : losses.entrySet()) {
                    if (!Double.isFinite(e.getValue())) {
                        throw new DivergedException(method.name() + " diverged in epoch " + (epoch + 1) + "/"
                                + config.epochs() + ": " + e.getKey() + " is " + e.getValue()
                                + " (try a lower learning rate than " + lr + ")");
                    }
                }
                SplitMetrics val = Evaluator.evaluate(method, validation, modalityNames, manager);
                boolean improved = val.fusedAccuracy() > bestAccuracy;
                if (improved) {
                    bestAccuracy = val.fusedAccuracy();
                    bestEpoch = epoch;
                    best = ParameterSnapshot.of(method.groups());
                }
                EpochRecord record = new EpochRecord(epoch, lr, losses, val, (System.nanoTime() - epochStart) / 1e9);
                history.add(record);
                listener.onEpoch(record, improved);
                if (checkpointer.due(epoch + 1, config.epochs())) {
                    checkpointer.save(new TrainingState(epoch + 1, history, bestEpoch, bestAccuracy, best,
                            ParameterSnapshot.of(method.groups()), momentum(method, sgd), method.state().export(),
                            earlierSeconds + (System.nanoTime() - start) / 1e9));
                }
            }
        }
        double seconds = earlierSeconds + (System.nanoTime() - start) / 1e9;
        SplitMetrics lastTest = test == null ? null : Evaluator.evaluate(method, test, modalityNames, manager);
        if (best != null) {
            best.restoreInto(method.groups());
        }
        return new TrainResult(history, bestEpoch, lastTest, seconds);
    }

    /** Puts a saved state back: parameters, momentum buffers and the method's own state. */
    private static void restore(Method method, Sgd sgd, TrainingState state, NDManager manager) {
        if (state.epochsDone() < 0) {
            throw new IncompatibleStateException("negative epoch count " + state.epochsDone());
        }
        try {
            state.parameters().restoreInto(method.groups());
            if (state.best() != null) {
                // checked now, not at the end of training: a bad snapshot must not cost a whole run
                requireSameShapes(state.best(), state.parameters());
            }
        } catch (IllegalArgumentException e) {
            throw new IncompatibleStateException(e.getMessage());
        }
        for (ParameterGroup g : method.groups()) {
            for (int i = 0; i < g.parameters().size(); i++) {
                String name = g.parameterNames().get(i);
                float[] values = state.momentum().values().get(name);
                if (values == null) {
                    continue; // never updated before the checkpoint: no buffer, as in the original run
                }
                long[] shape = state.momentum().shapes().get(name);
                if (!java.util.Arrays.equals(shape, g.parameters().get(i).getArray().getShape().getShape())) {
                    throw new IncompatibleStateException("momentum of " + name + " has shape "
                            + java.util.Arrays.toString(shape) + " but the parameter has "
                            + g.parameters().get(i).getArray().getShape());
                }
                float[] scale = state.momentum().values().get(name + LR_SUFFIX);
                if (scale == null || scale.length != 1) {
                    throw new IncompatibleStateException("momentum of " + name + " lacks its learning-rate scale");
                }
                sgd.setVelocity(g.parameters().get(i), values, scale[0]);
            }
        }
        for (String key : method.state().export().keySet()) {
            // a key the fresh method already has must be in the checkpoint, or restore() would keep its initial value
            if (!state.methodState().containsKey(key)) {
                throw new IncompatibleStateException("the method state lacks '" + key + "' that " + method.name()
                        + " needs");
            }
        }
        try {
            method.state().restore(state.methodState());
        } catch (RuntimeException e) {
            throw new IncompatibleStateException("the method state does not fit " + method.name() + " ("
                    + e.getMessage() + ")");
        }
    }

    private static void requireSameShapes(ParameterSnapshot best, ParameterSnapshot current) {
        for (Map.Entry<String, long[]> e : current.shapes().entrySet()) {
            long[] shape = best.shapes().get(e.getKey());
            if (!java.util.Arrays.equals(shape, e.getValue()) || best.values().get(e.getKey()) == null) {
                throw new IncompatibleStateException("best-epoch parameter " + e.getKey() + " is missing or has shape "
                        + java.util.Arrays.toString(shape) + " instead of " + java.util.Arrays.toString(e.getValue()));
            }
        }
    }

    /** Suffix of the entry that holds the learning rate a velocity is scaled by. */
    static final String LR_SUFFIX = "#lr";

    /**
     * The optimiser's state by qualified parameter name, on the host: each velocity (v = lr·b, exact
     * bits) and, under NAME#lr, the learning rate it is scaled by.
     */
    private static ParameterSnapshot momentum(Method method, Sgd sgd) {
        Map<String, float[]> values = new java.util.LinkedHashMap<>();
        Map<String, long[]> shapes = new java.util.LinkedHashMap<>();
        for (ParameterGroup g : method.groups()) {
            for (int i = 0; i < g.parameters().size(); i++) {
                float[] velocity = sgd.velocity(g.parameters().get(i));
                if (velocity != null) {
                    String name = g.parameterNames().get(i);
                    values.put(name, velocity);
                    shapes.put(name, g.parameters().get(i).getArray().getShape().getShape());
                    values.put(name + LR_SUFFIX, new float[] {sgd.velocityScale(g.parameters().get(i))});
                    shapes.put(name + LR_SUFFIX, new long[] {1});
                }
            }
        }
        return ParameterSnapshot.of(values, shapes);
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Fisher–Yates shuffle with the epoch's random source. */
    static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
