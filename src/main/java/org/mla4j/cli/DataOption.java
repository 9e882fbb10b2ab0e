package org.mla4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data} option of every command that reads a dataset (a picocli mixin). */
final class DataOption {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Dataset folder (manifest.json with .npy files, or a raw dataset: manifest.json with "
                    + "\"format\": \"raw\" + index.csv + media files), or a raw dataset's index.csv. "
                    + "Default: the bundled av_mnist_fsdd.")
    Path data;

    static Path bundledDataset() {
        return Path.of(System.getProperty("mla4j.home", ".")).resolve("data").resolve("av_mnist_fsdd");
    }

    Path dataOrDefault() {
        return data != null ? data : bundledDataset();
    }
}
