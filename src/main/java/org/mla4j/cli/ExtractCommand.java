package org.mla4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.mla4j.data.Modality;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.folder.FeatureFolder;
import org.mla4j.data.raw.ExtractedDataset;
import org.mla4j.data.raw.FeatureExtraction;
import org.mla4j.data.raw.RawExtractor;
import org.mla4j.data.raw.RawManifest;
import org.mla4j.data.raw.RawTable;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mla extract}: turns a raw dataset into the {@code .npy} layout once. */
@Command(name = "extract", header = "Turn a raw dataset (WAV/PNG + index.csv) into the .npy layout.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Extract the features of a raw dataset (manifest.json with \"format\": \"raw\" + index.csv +",
                "media files) into a .npy dataset folder: manifest.json (recording each modality's preprocessing",
                "and the source), one .npy per modality, labels, split files, presence.npy if a cell is empty.",
                "The folder is built beside --out and renamed into place when complete."})
final class ExtractCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "INDEX_OR_DIR",
            description = "Raw dataset folder, its manifest.json, or its index.csv (with manifest.json beside it).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to create.")
    Path out;

    @Option(names = "--force", description = "Replace DIR if it exists.")
    boolean force;

    @Option(names = "--threads", paramLabel = "N", description = "Decoding threads (default: the number of processors).")
    Integer threads;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        Path manifestFile = FeatureFolder.manifestFile(data);
        byte[] bytes = Files.readAllBytes(manifestFile);
        if (!RawManifest.isRaw(bytes)) {
            throw InvalidInputException.inFile(manifestFile, "is not a raw dataset manifest (\"format\": \"raw\"); "
                    + "a .npy dataset needs no extraction");
        }
        if (Files.exists(out) && !force) {
            throw new InvalidInputException(out + ": already exists; choose another --out or pass --force to replace it");
        }
        RawManifest mf = RawManifest.parse(bytes, manifestFile);
        RawTable table = RawTable.resolve(mf);
        int n = threads != null ? threads : FeatureExtraction.defaultThreads();
        if (n < 1) {
            throw new InvalidInputException("--threads must be at least 1, got " + n);
        }
        ExtractedDataset extracted;
        try (ProgressBar bar = output.quiet || output.json ? null : new ProgressBarBuilder().setTaskName("extract")
                .setInitialMax(table.size()).setStyle(ProgressBarStyle.ASCII).setUnit(" samples", 1)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build()) {
            extracted = RawExtractor.extract(mf, bytes, table, n, (done, total) -> {
                if (bar != null) {
                    bar.stepTo(done);
                }
            });
        }
        extracted.writeAtomically(out, force);
        MultimodalDataset ds = extracted.dataset();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s: %d samples, %d classes, extracted in %.1f s to %s%n",
                ds.name(), ds.numSamples(), ds.numClasses(), extracted.seconds(), out));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataset", ds.name());
        json.put("samples", ds.numSamples());
        json.put("out", out.toString());
        json.put("seconds", extracted.seconds());
        json.put("content_sha256", ds.checksum());
        Map<String, Object> modalities = new LinkedHashMap<>();
        for (int m = 0; m < ds.numModalities(); m++) {
            Modality mod = ds.modality(m);
            int present = 0;
            for (boolean p : ds.present(m)) {
                present += p ? 1 : 0;
            }
            text.append(String.format(Locale.ROOT, "  %-12s shape %-14s present in %d/%d samples%n", mod.name(),
                    mod.shape(), present, ds.numSamples()));
            modalities.put(mod.name(), Map.of("shape", mod.shape(), "present", present));
        }
        json.put("modalities", modalities);
        output.print(spec.commandLine().getOut(), text.toString(), Json.write(json));
        return 0;
    }
}
