package org.mla4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mla4j.core.Method;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.TensorSplit;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Splits;
import org.mla4j.data.Standardizer;
import org.mla4j.data.ValidationSplit;
import org.mla4j.method.Methods;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.settings.SettingValues;
import org.mla4j.train.EpochListener;
import org.mla4j.train.EpochRecord;
import org.mla4j.train.LearningRateSchedule;
import org.mla4j.train.TrainConfig;
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
    public record Result(String id, String method, String encoder, String label, int fitRows,
                         double samplesPerSecond, double[] epochSeconds, int[] liveArrays, double[] residentMiB) {
    }

    private TrainingThroughput() {
    }

    public static Result measure(String id, String label, String method, SettingValues options, MultimodalDataset ds, int epochs,
                                 int warmupEpochs, long seed) {
        if (warmupEpochs < 0 || warmupEpochs >= epochs) {
            throw new IllegalArgumentException("need 0 <= warm-up epochs < epochs, got " + warmupEpochs + " of " + epochs);
        }
        Splits splits = ValidationSplit.carve(ds, 0.1, 0);
        Standardizer standardizer = Standardizer.fit(ds, splits.fit());
        int[] tinyValidation = Arrays.copyOf(splits.validation(), Math.min(10, splits.validation().length));
        TrainConfig config = new TrainConfig(epochs, 64, LearningRateSchedule.step(0.01, 0.1,
                LearningRateSchedule.defaultDecayEpochs(epochs)), 0.9f, 1e-4f, seed);
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
            return new Result(id, method, ds.modalities().stream().anyMatch(mod -> mod.shapeArray().length == 3) ? "cnn" : "mlp", label, fit.size(), fit.size() / median, seconds.stream().mapToDouble(d -> d).toArray(),
                    arrays.stream().mapToInt(i -> i).toArray(), memory.stream().mapToDouble(d -> d).toArray());
        }
    }
}
