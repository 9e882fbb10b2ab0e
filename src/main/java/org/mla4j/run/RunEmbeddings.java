package org.mla4j.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.mla4j.core.Method;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.engine.ComputeDevice;
import org.mla4j.io.InvalidInputException;
import org.mla4j.nn.ParameterGroup;

/**
 * The encoder embeddings {@code h_m(x_m)} of a saved run on its test split: for each modality, the
 * output of that modality's encoder (parameter group {@code encoder.<modality>}, which every method
 * has) for every test sample that has the modality, after the run's own standardisation and its
 * simulated missing-modality mask. Inference only (no gradients, batch norm in inference mode);
 * deterministic for a model and dataset.
 */
public final class RunEmbeddings {
    private static final int CHUNK = 1024;

    /**
     * One modality's embeddings.
     *
     * @param rows       dataset row of each embedding
     * @param labels     class of each embedding's sample
     * @param embeddings one row of {@code featureSize} values per sample
     */
    public record ModalityEmbeddings(String modality, int[] rows, int[] labels, float[][] embeddings) {
    }

    private RunEmbeddings() {
    }

    /**
     * Embeds the test split of the run in {@code runDir}.
     *
     * @param datasets loads a dataset folder (e.g. with a cache when many runs share one)
     */
    public static List<ModalityEmbeddings> testSplit(Path runDir, Function<Path, MultimodalDataset> datasets) {
        CheckpointFiles.requireFinished(runDir);
        ModelFile.Loaded model = ModelFile.load(runDir);
        RunConfig settings = SavedRun.settings(runDir);
        if (settings == null) {
            throw new InvalidInputException(runDir + ": has no config.json, so its dataset is unknown");
        }
        MultimodalDataset dataset = datasets.apply(Path.of(settings.data()));
        dataset = ModelInputs.align(model, TrainingRun.withMissing(dataset, settings.missing()));
        return embed(model, dataset, dataset.testIndices());
    }

    /** Embeds the given rows of an aligned dataset with a loaded model. */
    public static List<ModalityEmbeddings> embed(ModelFile.Loaded model, MultimodalDataset aligned, int[] rows) {
        List<ModalityEmbeddings> out = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(ComputeDevice.current()); Method method = model.instantiate(manager)) {
            ParameterStore store = new ParameterStore(manager, false);
            for (int m = 0; m < aligned.numModalities(); m++) {
                String name = aligned.modality(m).name();
                ParameterGroup encoder = method.groups().stream().filter(g -> g.name().equals("encoder." + name))
                        .findFirst().orElseThrow(() -> new InvalidInputException(model.directory()
                                + ": the model has no encoder for modality '" + name + "'"));
                int index = m;
                int[] present = java.util.Arrays.stream(rows).filter(r -> aligned.isPresent(index, r)).toArray();
                float[][] embeddings = new float[present.length][];
                int dim = aligned.modality(m).dim();
                for (int from = 0; from < present.length; from += CHUNK) {
                    int[] chunk = java.util.Arrays.copyOfRange(present, from, Math.min(present.length, from + CHUNK));
                    try (NDManager step = manager.newSubManager()) {
                        step.tempAttachAll(encoder.arrays());
                        float[] x = model.standardizer().apply(m, aligned.features(m), chunk);
                        NDArray h = encoder.forward(store, step.create(x, new Shape(chunk.length, dim)), false);
                        int size = (int) h.getShape().get(1);
                        float[] values = h.toFloatArray();
                        for (int i = 0; i < chunk.length; i++) {
                            embeddings[from + i] = java.util.Arrays.copyOfRange(values, i * size, (i + 1) * size);
                        }
                    }
                }
                int[] labels = new int[present.length];
                for (int i = 0; i < present.length; i++) {
                    labels[i] = aligned.labels()[present[i]];
                }
                out.add(new ModalityEmbeddings(name, present, labels, embeddings));
            }
        }
        return out;
    }
}
