package org.mla4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mla4j.core.Method;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.TensorSplit;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Splits;
import org.mla4j.data.Standardizer;
import org.mla4j.data.ValidationSplit;
import org.mla4j.method.Methods;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.io.InvalidInputException;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import org.mla4j.train.EpochListener;
import org.mla4j.train.EpochRecord;
import org.mla4j.train.LearningRateSchedule;
import org.mla4j.train.TrainConfig;
import org.mla4j.train.TrainSettings;
import org.mla4j.train.Trainer;
import org.mla4j.train.TrainingSplits;

/**
 * Training throughput of a method through the real training loop: samples of the fit split per
 * second of epoch time, median over the epochs after the warm-up ones (the JIT compiler and the
 * engine's allocator settle over about two epochs). Validation runs on ten
 * rows only, so an epoch's time is training time; live engine arrays and resident memory are
 * recorded after every epoch.
 */
public final class TrainingThroughput {
    /** Per-epoch measurements of one configuration. */
    /**
     * @param id      the benchmark's name of the configuration, as bench/pytorch/anchor.py names it
     *                ({@code mla_hgm}, {@code mla_nohgm}, {@code ogm_ge}, ...), so the two sides join
     * @param encoder {@code mlp} or {@code cnn}
     */
    public record Result(String id, String method, String encoder, String label, int fitRows, String recipe,
                         Map<String, Object> settings, int batchSize, double samplesPerSecond, double[] epochSeconds, int[] liveArrays,
                         double[] residentMiB) {
    }

    /** How a configuration is trained: the bench's shared loop, or the method's own recipe. */
    public static final String SHARED_LOOP = "shared";
    public static final String OWN_RECIPE = "own";
    private static final Map<String, Object> SHARED_SETTINGS = Map.of("train.optimizer", "sgd", "train.lr", 0.01,
            "train.momentum", 0.9, "train.weight_decay", 1e-4, "train.batch_size", 64);

    private TrainingThroughput() {
    }

    /**
     * The shared loop of {@code mla bench} and bench/pytorch/anchor.py: SGD lr 0.01, momentum 0.9, weight
     * decay 1e-4, batch 64, the learning rate ×0.1 from 70 % of the epochs.
     */
    public static Result measure(String id, String label, String method, SettingValues options, MultimodalDataset ds, int epochs,
                                 int warmupEpochs, long seed) {
        TrainConfig config = new TrainConfig(epochs, 64, LearningRateSchedule.step(0.01, 0.1,
                LearningRateSchedule.defaultDecayEpochs(epochs)), 0.9f, 1e-4f, seed);
        return measure(id, label, method, options, ds, config, SHARED_LOOP, SHARED_SETTINGS, warmupEpochs);
    }

    /**
     * A method with its own recipe (the Table 2 baselines: Adam, their batch sizes, clipping), trained
     * with it for {@code epochs}. A teacher stage (a {@code *_teacher_epochs} option) is cut to the
     * warm-up epochs, so that the timed epochs are the student's, the stage that makes up most of a
     * real run.
     */
    public static Result measureWithRecipe(String id, String method, MultimodalDataset ds, int epochs, int warmupEpochs,
                                           long seed) {
        requireWarmUpFor(method, warmupEpochs);
        SettingValues settings = Methods.definition(method).recipe().with(TrainSettings.EPOCHS, epochs);
        String label = method + " (own recipe)";
        Setting<Integer> teacher = teacherEpochs(method);
        if (teacher != null) {
            settings = settings.with(teacher, warmupEpochs);
            label = method + " (own recipe, student)";
        }
        return measure(id, label, method, settings, ds, TrainSettings.config(settings, seed), OWN_RECIPE,
                new TreeMap<>(settings.given()), warmupEpochs);
    }

    /** One sentence when {@code method} trains a teacher first and no warm-up epoch would hold it. */
    public static void requireWarmUpFor(String method, int warmupEpochs) {
        if (hasOwnRecipe(method) && teacherEpochs(method) != null && warmupEpochs < 1) {
            throw new InvalidInputException(method + " trains a teacher first: --warmup must be at least 1, so "
                    + "that the teacher's epochs are left out");
        }
    }

    /** The method's teacher-epochs option (a {@code *_teacher_epochs} integer), or null for a one-stage method. */
    @SuppressWarnings("unchecked")
    private static Setting<Integer> teacherEpochs(String method) {
        for (Setting<?> option : Methods.definition(method).settings()) {
            if (option.key().endsWith("_teacher_epochs") && option.defaultIn(SettingValues.NONE) instanceof Integer) {
                return (Setting<Integer>) option;
            }
        }
        return null;
    }

    /** Whether {@code method} has a recipe of its own rather than the shared loop's settings. */
    public static boolean hasOwnRecipe(String method) {
        return !Methods.definition(method).recipe().equals(SettingValues.NONE);
    }

    private static Result measure(String id, String label, String method, SettingValues options, MultimodalDataset ds,
                                  TrainConfig config, String recipe, Map<String, Object> settings, int warmupEpochs) {
        int epochs = config.epochs();
        long seed = config.seed();
        if (warmupEpochs < 0 || warmupEpochs >= epochs) {
            throw new IllegalArgumentException("need 0 <= warm-up epochs < epochs, got " + warmupEpochs + " of " + epochs);
        }
        Splits splits = ValidationSplit.carve(ds, 0.1, 0);
        Standardizer standardizer = Standardizer.fit(ds, splits.fit());
        int[] tinyValidation = Arrays.copyOf(splits.validation(), Math.min(10, splits.validation().length));
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        List<Double> seconds = new ArrayList<>();
        List<Integer> arrays = new ArrayList<>();
        List<Double> memory = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit fit = TensorSplit.build("fit", ds, standardizer, splits.fit(), manager);
             TensorSplit validation = TensorSplit.build("validation", ds, standardizer, tinyValidation, manager);
             Method m = Methods.create(method, new ModelSpec(ds.modalities(), ds.numClasses(), EncoderSpec.DEFAULT),
                     options, manager)) {
            new Trainer(config, new EpochListener() {
                @Override
                public void onEpoch(EpochRecord record, boolean improved) {
                    seconds.add(record.seconds());
                    arrays.add(LiveArrays.count(manager));
                    memory.add(ProcessMemory.residentMiB());
                }
            }).fit(m, TrainingSplits.withoutTest(fit, validation, ds.modalityNames()), manager);
            double[] measured = seconds.subList(warmupEpochs, seconds.size()).stream()
                    .mapToDouble(Double::doubleValue).sorted().toArray();
            double median = measured[measured.length / 2];
            String encoder = ds.modalities().stream().anyMatch(mod -> mod.shapeArray().length == 3) ? "cnn" : "mlp";
            return new Result(id, method, encoder, label, fit.size(), recipe, settings, config.batchSize(), fit.size() / median,
                    seconds.stream().mapToDouble(d -> d).toArray(),
                    arrays.stream().mapToInt(i -> i).toArray(), memory.stream().mapToDouble(d -> d).toArray());
        }
    }
}
