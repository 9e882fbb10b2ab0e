package org.mla4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.mla4j.eval.Evaluator;
import org.mla4j.eval.SplitMetrics;
import org.mla4j.method.Method;
import org.mla4j.nn.ParameterGroup;
import org.mla4j.nn.ParameterSnapshot;

/**
 * The shared training loop: shuffled mini-batches (last partial batch kept), the method's batch
 * step, step learning-rate decay, validation after every epoch, and model selection by validation
 * fused accuracy (first epoch on ties). At the end the model holds the selected epoch's parameters.
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

    public TrainResult fit(Method method, TensorSplit fit, TensorSplit validation, TensorSplit test,
                           List<String> modalityNames, TrainConfig config, NDManager manager, EpochListener listener) {
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(config.seed());
        List<EpochRecord> history = new ArrayList<>();
        NDArray[] parameterArrays = method.groups().stream().map(ParameterGroup::arrays)
                .flatMap(java.util.Arrays::stream).toArray(NDArray[]::new);
        ParameterSnapshot best = null;
        int bestEpoch = -1;
        double bestAccuracy = Double.NEGATIVE_INFINITY;
        int[] order = identity(fit.size());
        int batches = (fit.size() + config.batchSize() - 1) / config.batchSize();
        try (Sgd sgd = new Sgd(manager, config.momentum(), config.weightDecay())) {
            ParameterStore store = new ParameterStore(manager, false);
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                float lr = config.schedule().at(epoch);
                shuffle(order, random);
                TrainingStep step = new TrainingStep(engine, sgd, store, random, manager, epoch, lr);
                Map<String, Double> losses;
                try {
                    for (int b = 0; b < batches; b++) {
                        int from = b * config.batchSize();
                        int[] positions = java.util.Arrays.copyOfRange(order, from,
                                Math.min(fit.size(), from + config.batchSize()));
                        try (NDManager batchManager = manager.newSubManager()) {
                            batchManager.tempAttachAll(parameterArrays);
                            sgd.lendGradients(batchManager);
                            method.trainBatch(fit.batch(batchManager, positions), step);
                        }
                        listener.onBatch(epoch, b, batches);
                    }
                    losses = step.meanLosses();
                } finally {
                    step.close();
                }
                for (Map.Entry<String, Double> e : losses.entrySet()) {
                    if (!Double.isFinite(e.getValue())) {
                        throw new DivergedException(method.name() + " diverged in epoch " + epoch + ": " + e.getKey()
                                + " is " + e.getValue() + " (try a lower learning rate)");
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
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        SplitMetrics lastTest = test == null ? null : Evaluator.evaluate(method, test, modalityNames, manager);
        if (best != null) {
            best.restoreInto(method.groups());
        }
        return new TrainResult(history, bestEpoch, lastTest, seconds);
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Fisher–Yates shuffle with the run's random source. */
    static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
