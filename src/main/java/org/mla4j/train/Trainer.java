package org.mla4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.mla4j.core.Method;
import org.mla4j.core.TensorSplit;
import org.mla4j.core.TrainingStep;
import org.mla4j.engine.FlushToZero;
import org.mla4j.engine.TrainingSession;
import org.mla4j.eval.Evaluator;
import org.mla4j.eval.SplitMetrics;
import org.mla4j.nn.ParameterGroup;
import org.mla4j.nn.ParameterSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared training loop: shuffled mini-batches (last partial batch kept), the method's batch
 * step, step learning-rate decay, validation after every epoch, and model selection by validation
 * fused accuracy (first epoch on ties, or the lower validation loss: {@link TrainSettings#SELECTION}),
 * after the method has calibrated itself on validation ({@link Method#calibrate}). At the end the
 * model holds the selected epoch's parameters.
 * Each epoch shuffles the rows afresh with a generator derived from (seed, epoch), so an epoch's
 * order does not depend on the epochs before it, and a run resumed from a {@link TrainingState}
 * ({@link #resumingFrom}) repeats it exactly.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

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

    private final Engine engine = Engine.getEngine("PyTorch");
    private final TrainConfig config;
    private final EpochListener listener;
    private TrainingState resume;
    private Checkpointer checkpointer = Checkpointer.NONE;

    public Trainer(TrainConfig config, EpochListener listener) {
        this.config = config;
        this.listener = listener;
    }

    /** Continue from a saved state instead of training from scratch. */
    public Trainer resumingFrom(TrainingState state) {
        this.resume = state;
        return this;
    }

    /** Save states as {@code checkpointer} asks. */
    public Trainer checkpointingWith(Checkpointer c) {
        this.checkpointer = c;
        return this;
    }

    /** Trains {@code method} on the splits; arrays live in {@code manager}. */
    public TrainResult fit(Method method, TrainingSplits splits, NDManager manager) {
        long start = System.nanoTime();
        double earlierSeconds = resume == null ? 0 : resume.elapsedSeconds();
        List<EpochRecord> history = new ArrayList<>(resume == null ? List.of() : resume.history());
        BestEpoch best = resume == null ? BestEpoch.none(config.selection())
                : new BestEpoch(config.selection(), resume.bestEpoch(), resume.bestAccuracy(),
                        resume.bestEpoch() < 0 ? Double.NaN : history.get(resume.bestEpoch()).validation().fusedLoss(),
                        resume.best());
        try (FlushToZero flush = FlushToZero.enable(); // denormal gradients late in training are slow (see class)
             TrainingSession session = new TrainingSession(manager, config.optimizer())) {
            method.prepare(splits.fit(), manager);
            if (resume != null) {
                StateRestore.apply(method, session, resume);
            }
            // start-up cost (issue 16; bench/startup.sh reads this line): JVM, engine, data and model set-up
            LOG.debug("first epoch starts {} s after the JVM started",
                    String.format(Locale.ROOT, "%.3f", ManagementFactory.getRuntimeMXBean().getUptime() / 1e3));
            for (int epoch = resume == null ? 0 : resume.epochsDone(); epoch < config.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                float lr = config.schedule().at(epoch);
                Map<String, Double> losses = trainEpoch(method, splits.fit(), session, epoch, lr, manager);
                requireFinite(method.name(), losses, epoch, lr);
                long validationStart = System.nanoTime();
                method.calibrate(() -> Evaluator.predict(method, splits.validation(), manager),
                        splits.validation().labelValues());
                SplitMetrics val = Evaluator.evaluate(method, splits.validation(), splits.modalityNames(), manager,
                        config.validateModalities());
                boolean improved = method.selectable(epoch) && best.offer(epoch, val.fusedAccuracy(), val.fusedLoss(),
                        method.groups());
                long epochEnd = System.nanoTime();
                EpochRecord record = new EpochRecord(epoch, lr, losses, val, (epochEnd - epochStart) / 1e9,
                        (epochEnd - validationStart) / 1e9);
                history.add(record);
                listener.onEpoch(record, improved);
                if (checkpointer.due(epoch + 1, config.epochs())) {
                    checkpointer.save(new TrainingState(epoch + 1, history, best.epoch(), best.accuracy(),
                            best.parameters(), ParameterSnapshot.of(method.groups()),
                            OptimizerState.export(method, session), method.state().export(),
                            earlierSeconds + (System.nanoTime() - start) / 1e9));
                }
            }
        }
        double seconds = earlierSeconds + (System.nanoTime() - start) / 1e9;
        SplitMetrics lastTest = splits.test() == null ? null
                : Evaluator.evaluate(method, splits.test(), splits.modalityNames(), manager);
        best.restoreInto(method.groups());
        return new TrainResult(history, best.epoch(), lastTest, seconds);
    }

    /** One epoch: the fit rows in a fresh shuffled order, batch by batch; returns the mean losses. */
    private Map<String, Double> trainEpoch(Method method, TensorSplit fit, TrainingSession session, int epoch,
                                           float lr, NDManager manager) {
        SplittableRandom random = EpochRandom.of(config.seed(), epoch);
        engine.setRandomSeed(EpochRandom.engineSeed(config.seed(), epoch));
        int[] order = identity(fit.size());
        shuffle(order, random);
        NDArray[] parameterArrays = method.groups().stream().map(ParameterGroup::arrays)
                .flatMap(Arrays::stream).toArray(NDArray[]::new);
        int batches = (fit.size() + config.batchSize() - 1) / config.batchSize();
        session.registerParameters(parameterArrays); // still in the model's managers: no batch has borrowed them
        TrainingStep step = session.startEpoch(epoch, lr, random);
        try (NDManager epochManager = manager.newSubManager()) {
            TensorSplit shuffled = fit.reordered(order, epochManager);
            for (int b = 0; b < batches; b++) {
                int from = b * config.batchSize();
                int to = Math.min(fit.size(), from + config.batchSize());
                try (NDManager batchManager = manager.newSubManager()) {
                    batchManager.tempAttachAll(parameterArrays); // a step's results land in its own manager
                    session.startBatch(batchManager);
                    method.trainBatch(shuffled.slice(batchManager, from, to), step);
                    session.endBatch();
                }
                listener.onBatch(epoch, b, batches);
            }
            return session.endEpoch(); // waits for the updates: validation and checkpoints read the whole model
        }
    }

    private void requireFinite(String method, Map<String, Double> losses, int epoch, float lr) {
        for (Map.Entry<String, Double> e : losses.entrySet()) {
            if (!Double.isFinite(e.getValue())) {
                throw new DivergedException(method + " diverged in epoch " + (epoch + 1) + "/" + config.epochs() + ": "
                        + e.getKey() + " is " + e.getValue() + " (try a lower learning rate than " + lr + ")");
            }
        }
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
