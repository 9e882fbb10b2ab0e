package org.mla4j.run;

import java.util.ArrayList;
import java.util.List;
import org.mla4j.core.ModelSpec;
import org.mla4j.data.Modality;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.io.InvalidInputException;

/**
 * Lines a dataset up with a trained model's modalities, by name. A model modality the dataset
 * lacks becomes absent for every sample (predictions use the others); a dataset modality the model
 * does not know, a size that differs, or another number of classes is refused.
 */
public final class ModelInputs {
    private ModelInputs() {
    }

    /** As {@link #align(ModelSpec, MultimodalDataset)}, with the model's untrained modalities treated as absent. */
    public static MultimodalDataset align(org.mla4j.run.ModelFile.Loaded model, MultimodalDataset ds) {
        MultimodalDataset aligned = align(model.spec(), ds);
        return model.untrainedModalities().isEmpty() ? aligned : UntrainedModalities.hide(aligned, model.untrainedModalities());
    }

    public static MultimodalDataset align(ModelSpec model, MultimodalDataset ds) {
        List<String> modelNames = model.modalities().stream().map(Modality::name).toList();
        for (Modality m : ds.modalities()) {
            if (!modelNames.contains(m.name())) {
                throw new InvalidInputException("dataset " + ds.name() + " has modality '" + m.name()
                        + "' that the model was not trained on; the model's modalities are " + describe(model.modalities()));
            }
        }
        if (ds.numClasses() != model.numClasses()) {
            throw new InvalidInputException("dataset " + ds.name() + " has " + ds.numClasses()
                    + " classes but the model was trained on " + model.numClasses());
        }
        int n = ds.numSamples();
        float[][] features = new float[model.numModalities()][];
        boolean[][] present = new boolean[model.numModalities()][];
        List<Modality> modalities = new ArrayList<>();
        for (int m = 0; m < model.numModalities(); m++) {
            Modality wanted = model.modalities().get(m);
            modalities.add(wanted);
            int index = ds.modalityNames().indexOf(wanted.name());
            if (index < 0) {
                features[m] = new float[n * wanted.dim()];
                present[m] = new boolean[n];
                continue;
            }
            if (ds.modality(index).dim() != wanted.dim()) {
                throw new InvalidInputException("dataset " + ds.name() + " modality '" + wanted.name() + "' has "
                        + ds.modality(index).dim() + " features but the model expects " + wanted.dim());
            }
            features[m] = ds.features(index);
            present[m] = ds.present(index);
        }
        return new MultimodalDataset(ds.name(), ds.directory(), modalities, ds.classNames(), features, ds.labels(),
                present, ds.trainIndices(), ds.testIndices(), ds.checksum());
    }

    private static String describe(List<Modality> modalities) {
        return String.join(", ", modalities.stream().map(m -> m.name() + " (" + m.dim() + ")").toList());
    }
}
