package org.mla4j.run;

import java.util.ArrayList;
import java.util.List;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.io.InvalidInputException;

/**
 * A modality that no training sample has cannot be learned: its encoder keeps its random
 * initialisation. Such a modality is reported as untrained and hidden (treated as absent) wherever
 * the model predicts, so it never takes part in fusion or in unimodal accuracy.
 */
public final class UntrainedModalities {
    private UntrainedModalities() {
    }

    /** Names of the modalities present in none of the fit rows. */
    public static List<String> find(MultimodalDataset ds, int[] fitRows) {
        List<String> untrained = new ArrayList<>();
        for (int m = 0; m < ds.numModalities(); m++) {
            boolean any = false;
            for (int r : fitRows) {
                if (ds.isPresent(m, r)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                untrained.add(ds.modality(m).name());
            }
        }
        return untrained;
    }

    /** The same dataset with the named modalities absent from every sample. */
    public static MultimodalDataset hide(MultimodalDataset ds, List<String> names) {
        boolean[][] present = new boolean[ds.numModalities()][];
        for (int m = 0; m < present.length; m++) {
            present[m] = names.contains(ds.modality(m).name()) ? new boolean[ds.numSamples()] : ds.present(m);
        }
        return ds.withPresence(present);
    }

    /** Refuses to evaluate a sample that is left with no trained modality. */
    static void requireEveryEvaluatedSampleCovered(MultimodalDataset ds, int[] rows, String split) {
        int uncovered = 0;
        int first = -1;
        for (int r : rows) {
            boolean any = false;
            for (int m = 0; m < ds.numModalities() && !any; m++) {
                any = ds.isPresent(m, r);
            }
            if (!any) {
                uncovered++;
                first = first < 0 ? r : first;
            }
        }
        if (uncovered > 0) {
            throw new InvalidInputException("dataset " + ds.name() + ": " + uncovered + " " + split
                    + " sample(s) (first: row " + first + ") have only modalities that no training sample has, "
                    + "so nothing can predict them");
        }
    }
}
