import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.Arrays;
import org.mla4j.bench.TrainingThroughput;
import org.mla4j.data.DatasetLoader;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Splits;
import org.mla4j.data.Standardizer;
import org.mla4j.data.ValidationSplit;
import org.mla4j.method.Method;
import org.mla4j.method.MethodOptions;
import org.mla4j.method.Methods;
import org.mla4j.method.ModelSpec;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.train.EpochListener;
import org.mla4j.train.EpochRecord;
import org.mla4j.train.LearningRateSchedule;
import org.mla4j.train.TensorSplit;
import org.mla4j.train.TrainConfig;
import org.mla4j.train.Trainer;

/**
 * Profiling harness for mla4j's MLA + HGM training (not part of the build; bench/profile/profile.sh
 * runs it with java's single-file launcher against target/mla4j.jar). Everything goes through the
 * real trainer with `mla bench`'s settings (fit split of av_mnist_fsdd, 10 validation rows, batch
 * 64, lr 0.01, momentum 0.9, weight decay 1e-4).
 *
 * <pre>
 *   MlaProfile perf  DATA WARMUP_S SECONDS    one long run: prints STEADY after WARMUP_S s of training
 *                                             (perf attaches then), stops SECONDS s later
 *   MlaProfile trace DATA EPOCHS OUT          an EPOCHS-epoch run under libtorch's profiler -> OUT (chrome trace)
 *   MlaProfile count DATA EPOCHS              an EPOCHS-epoch run (JNI calls counted from outside with uprobes;
 *                                             the difference of two such runs is the calls of the extra epochs)
 * </pre>
 */
public class MlaProfile {
    static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    public static void main(String[] a) throws Exception {
        String mode = a[0];
        MultimodalDataset ds = DatasetLoader.load(Path.of(a[1]));
        if (mode.equals("count")) {
            TrainingThroughput.Result r = TrainingThroughput.measure("mla (HGM on)", "mla", MethodOptions.DEFAULT,
                    ds, Integer.parseInt(a[2]), 0, 0);
            System.out.printf("counted %s epochs: %.0f samples/s%n", a[2], r.samplesPerSecond());
            return;
        }
        if (mode.equals("trace")) {
            int epochs = Integer.parseInt(a[2]);
            Engine.getEngine("PyTorch"); // loads libtorch before the profiler call
            JniUtils.startProfile(false, true, false);
            TrainingThroughput.Result r = TrainingThroughput.measure("mla (HGM on)", "mla", MethodOptions.DEFAULT,
                    ds, epochs, 0, 0);
            JniUtils.stopProfile(a[3]);
            System.out.printf("traced %d epochs: %.0f samples/s (profiler on)%n", epochs, r.samplesPerSecond());
            return;
        }
        double warmup = Double.parseDouble(a[2]);
        double seconds = Double.parseDouble(a[3]);
        // TrainingThroughput.measure's set-up, once, then one long fit: no set-up inside the profile
        Splits splits = ValidationSplit.carve(ds, 0.1, 0);
        Standardizer standardizer = Standardizer.fit(ds, splits.fit());
        int[] tiny = Arrays.copyOf(splits.validation(), Math.min(10, splits.validation().length));
        int epochs = 100000;
        TrainConfig config = new TrainConfig(epochs, 64, new LearningRateSchedule(0.01, 0.1,
                new int[] {epochs}), 0.9f, 1e-4f, 0);
        Engine.getEngine("PyTorch").setRandomSeed(0);
        long start = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit fit = TensorSplit.build("fit", ds, standardizer, splits.fit(), manager);
             TensorSplit validation = TensorSplit.build("validation", ds, standardizer, tiny, manager);
             Method m = Methods.create("mla", new ModelSpec(ds.modalities(), ds.numClasses(), EncoderSpec.DEFAULT),
                     MethodOptions.DEFAULT, manager)) {
            new Trainer().fit(m, fit, validation, null, ds.modalityNames(), config, manager, new EpochListener() {
                boolean steady;
                double steadyAt;
                int steadyEpochs;
                double steadySeconds;

                @Override
                public void onEpoch(EpochRecord record, boolean improved) {
                    double t = (System.nanoTime() - start) / 1e9;
                    if (!steady && t >= warmup) {
                        steady = true;
                        steadyAt = t;
                        System.out.printf("STEADY after %d epochs, %.1f s%n", record.epoch() + 1, t);
                        System.out.flush();
                    } else if (steady) {
                        steadyEpochs++;
                        steadySeconds += record.seconds();
                        if (t - steadyAt >= seconds) {
                            System.out.printf("DONE: %d steady epochs, %.0f samples/s (mean)%n", steadyEpochs,
                                    steadyEpochs * fit.size() / steadySeconds);
                            throw new Stop();
                        }
                    }
                }
            });
        } catch (Stop stop) {
            // the planned end of the run
        }
    }
}
