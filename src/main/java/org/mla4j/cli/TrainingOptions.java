package org.mla4j.cli;

import java.nio.file.Path;
import org.mla4j.io.InvalidInputException;
import org.mla4j.method.MethodOptions;
import org.mla4j.method.Methods;
import org.mla4j.method.mla.HgmFeatures;
import org.mla4j.method.shared.FusionMode;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.run.MissingSpec;
import org.mla4j.run.RunConfig;
import org.mla4j.train.LearningRateSchedule;
import picocli.CommandLine.Option;

/** Training settings shared by every command that trains (a picocli mixin). */
final class TrainingOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Dataset folder (manifest.json with .npy files, or a raw dataset: manifest.json with "
                    + "\"format\": \"raw\" + index.csv + media files), or a raw dataset's index.csv. "
                    + "Default: the bundled av_mnist_fsdd.")
    Path data;

    @Option(names = "--epochs", defaultValue = "60", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.01", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--weight-decay", defaultValue = "1e-4", description = "SGD weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--lr-decay-epochs", split = ",", paramLabel = "E[,E...]",
            description = "Epochs (0-based) at which the learning rate is multiplied by --lr-decay-factor. "
                    + "Default: 70%% of --epochs (42 of 60).")
    int[] lrDecayEpochs;

    @Option(names = "--lr-decay-factor", defaultValue = "0.1", description = "Step decay factor (default: ${DEFAULT-VALUE}).")
    double lrDecayFactor;

    @Option(names = "--val-fraction", defaultValue = "0.1",
            description = "Share of each class's training rows used for validation/model selection (default: ${DEFAULT-VALUE}).")
    double validationFraction;

    @Option(names = "--split-seed", defaultValue = "0",
            description = "Seed of the validation carve; the same for every training seed (default: ${DEFAULT-VALUE}).")
    long splitSeed;

    @Option(names = "--encoder", defaultValue = "auto", paramLabel = "TYPE",
            description = "Encoder of every modality: auto (cnn for modalities shaped (C,H,W) such as raw images and "
                    + "spectrograms, mlp for flat features), mlp, cnn, resnet18, resnet18-small (default: ${DEFAULT-VALUE}).")
    String encoder;

    @Option(names = "--encoder-for", paramLabel = "NAME=TYPE",
            description = "Encoder of one modality, overriding --encoder; repeatable, e.g. --encoder-for audio=resnet18.")
    java.util.Map<String, String> encoderFor;

    @Option(names = "--layers", defaultValue = "3",
            description = "Encoder depth: MLP layers, or CNN conv stages (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--width", defaultValue = "128",
            description = "Feature size: MLP width and CNN last-stage channels; ResNet-18 always gives 512 (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--hgm", defaultValue = "on", paramLabel = "on|off",
            description = "MLA head gradient modification (default: ${DEFAULT-VALUE}).")
    String hgm;

    @Option(names = "--hgm-alpha", defaultValue = "1.0", description = "HGM's alpha, > 0 (default: ${DEFAULT-VALUE}).")
    double hgmAlpha;

    @Option(names = "--hgm-features", defaultValue = "previous", paramLabel = "previous|current",
            description = "Feature mean that updates HGM's matrix: the previous turn's modality or the current batch "
                    + "(default: ${DEFAULT-VALUE}).")
    String hgmFeatures;

    @Option(names = "--fusion", paramLabel = "dynamic|mean",
            description = "MLA and late fusion: test-time fusion of unimodal outputs, entropy-weighted per sample "
                    + "or the plain mean (default: dynamic for mla, mean for late).")
    String fusion;

    @Option(names = "--condition-modality", paramLabel = "NAME",
            description = "FiLM/BiGated: the conditioning or gating modality (default: the dataset's first).")
    String conditionModality;

    @Option(names = "--ogm-alpha", defaultValue = "0.5", description = "OGM-GE modulation strength (default: ${DEFAULT-VALUE}).")
    double ogmAlpha;

    @Option(names = "--ogm-epochs", defaultValue = "0:-1", paramLabel = "FIRST:LAST",
            description = "OGM-GE: epochs with modulation, inclusive; -1 = to the end (default: ${DEFAULT-VALUE}).")
    String ogmEpochs;

    @Option(names = "--qmf-temperature", defaultValue = "10", description = "QMF energy temperature (default: ${DEFAULT-VALUE}).")
    double qmfTemperature;

    @Option(names = "--qmf-ranking-weight", defaultValue = "0.1", description = "QMF ranking-loss weight (default: ${DEFAULT-VALUE}).")
    double qmfRankingWeight;

    @Option(names = "--missing-rate", defaultValue = "0", paramLabel = "ETA",
            description = "Drop each (sample, modality) pair with this probability in train, validation and test, "
                    + "keeping at least one modality per sample (default: ${DEFAULT-VALUE}).")
    double missingRate;

    @Option(names = "--missing-seed", paramLabel = "S", description = "Seed of the missing-modality mask (default: the run's --seed).")
    Long missingSeed;

    static Path bundledDataset() {
        return Path.of(System.getProperty("mla4j.home", ".")).resolve("data").resolve("av_mnist_fsdd");
    }

    Path dataOrDefault() {
        return data != null ? data : bundledDataset();
    }

    /** Validates the settings and resolves every default. */
    RunConfig resolve(String method, long seed) {
        require(epochs >= 1, "--epochs must be at least 1, got " + epochs);
        require(batchSize >= 1, "--batch-size must be at least 1, got " + batchSize);
        require(lr > 0 && Double.isFinite(lr), "--lr must be a positive number, got " + lr);
        require(momentum >= 0 && momentum < 1, "--momentum must be in [0, 1), got " + momentum);
        require(weightDecay >= 0 && Double.isFinite(weightDecay), "--weight-decay must be >= 0, got " + weightDecay);
        require(lrDecayFactor > 0 && lrDecayFactor <= 1, "--lr-decay-factor must be in (0, 1], got " + lrDecayFactor);
        require(validationFraction > 0 && validationFraction < 0.9,
                "--val-fraction must be in (0, 0.9): model selection needs a validation split, got " + validationFraction);
        require(layers >= 1 && width >= 1, "--layers and --width must be at least 1");
        require(hgmAlpha > 0 && Double.isFinite(hgmAlpha), "--hgm-alpha must be a positive number, got " + hgmAlpha);
        require(qmfTemperature > 0 && Double.isFinite(qmfTemperature),
                "--qmf-temperature must be a positive number, got " + qmfTemperature);
        require(qmfRankingWeight >= 0 && Double.isFinite(qmfRankingWeight),
                "--qmf-ranking-weight must be >= 0, got " + qmfRankingWeight);
        require(ogmAlpha >= 0 && Double.isFinite(ogmAlpha), "--ogm-alpha must be >= 0, got " + ogmAlpha);
        int[] decay = lrDecayEpochs != null ? lrDecayEpochs : LearningRateSchedule.defaultDecayEpochs(epochs);
        for (int e : decay) {
            require(e >= 0, "--lr-decay-epochs must be >= 0, got " + e);
        }
        require(missingRate >= 0 && missingRate < 1, "--missing-rate must be in [0, 1), got " + missingRate);
        require(EncoderSpec.TYPES.contains(encoder), "--encoder must be one of " + EncoderSpec.TYPES + ", got '" + encoder + "'");
        if (encoderFor != null) {
            encoderFor.forEach((name, type) -> require(EncoderSpec.TYPES.contains(type),
                    "--encoder-for " + name + "=" + type + ": the type must be one of " + EncoderSpec.TYPES));
        }
        int[] ogm = parseEpochWindow(ogmEpochs);
        FusionMode fusionMode = fusion == null ? Methods.defaultFusion(method) : choice(FusionMode.class, fusion, "--fusion");
        MethodOptions options = new MethodOptions(onOff(hgm, "--hgm"), hgmAlpha,
                choice(HgmFeatures.class, hgmFeatures, "--hgm-features"), fusionMode,
                conditionModality, ogmAlpha, ogm[0], ogm[1], qmfTemperature, qmfRankingWeight);
        return new RunConfig(dataOrDefault().toString(), method, seed, epochs, batchSize, lr, momentum, weightDecay,
                decay, lrDecayFactor, validationFraction, splitSeed, new EncoderSpec(encoder, layers, width, encoderFor),
                options, MissingSpec.everywhere(missingRate, missingSeed != null ? missingSeed : seed));
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidInputException(message);
        }
    }

    static boolean onOff(String value, String option) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new InvalidInputException(option + " must be on or off, got '" + value + "'");
        };
    }

    static <E extends Enum<E>> E choice(Class<E> type, String value, String option) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new InvalidInputException(option + " must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList() + ", got '" + value + "'");
    }

    private static int[] parseEpochWindow(String window) {
        String[] parts = window.split(":");
        try {
            if (parts.length == 2) {
                int first = Integer.parseInt(parts[0].trim());
                int last = Integer.parseInt(parts[1].trim());
                if (first >= 0 && (last == -1 || last >= first)) {
                    return new int[] {first, last};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("--ogm-epochs must be FIRST:LAST with 0 <= FIRST <= LAST or LAST = -1, got '"
                + window + "'");
    }
}
