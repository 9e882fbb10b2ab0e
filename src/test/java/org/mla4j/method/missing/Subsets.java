package org.mla4j.method.missing;

import java.util.ArrayList;
import java.util.List;
import org.mla4j.data.MultimodalDataset;

/** A smaller copy of a dataset: the first rows of each class from its training and its test split. */
final class Subsets {
    private Subsets() {
    }

    static MultimodalDataset of(MultimodalDataset ds, int trainPerClass, int testPerClass) {
        List<Integer> rows = new ArrayList<>();
        int train = pick(ds, ds.trainIndices(), trainPerClass, rows);
        pick(ds, ds.testIndices(), testPerClass, rows);
        int n = rows.size();
        float[][] features = new float[ds.numModalities()][];
        boolean[][] present = new boolean[ds.numModalities()][n];
        for (int m = 0; m < features.length; m++) {
            int d = ds.modality(m).dim();
            features[m] = new float[n * d];
            for (int i = 0; i < n; i++) {
                System.arraycopy(ds.features(m), rows.get(i) * d, features[m], i * d, d);
                present[m][i] = ds.isPresent(m, rows.get(i));
            }
        }
        int[] labels = rows.stream().mapToInt(r -> ds.labels()[r]).toArray();
        int[] trainRows = new int[train];
        int[] testRows = new int[n - train];
        java.util.Arrays.setAll(trainRows, i -> i);
        java.util.Arrays.setAll(testRows, i -> train + i);
        return new MultimodalDataset(ds.name() + "-subset", ds.directory(), ds.modalities(), ds.classNames(), features,
                labels, present, trainRows, testRows, ds.checksum() + "-subset-" + trainPerClass + "-" + testPerClass);
    }

    private static int pick(MultimodalDataset ds, int[] from, int perClass, List<Integer> into) {
        int[] taken = new int[ds.numClasses()];
        int count = 0;
        for (int r : from) {
            if (taken[ds.labels()[r]]++ < perClass) {
                into.add(r);
                count++;
            }
        }
        return count;
    }
}
