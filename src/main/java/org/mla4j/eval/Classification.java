package org.mla4j.eval;

/** Accuracy and macro-averaged F1 of predicted class ids against labels. */
public final class Classification {
    private Classification() {
    }

    /** Fraction of positions where {@code predicted == labels}, over positions with {@code include} true. */
    public static double accuracy(int[] predicted, int[] labels, boolean[] include) {
        int total = 0;
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (include == null || include[i]) {
                total++;
                correct += predicted[i] == labels[i] ? 1 : 0;
            }
        }
        return total == 0 ? Double.NaN : correct / (double) total;
    }

    /**
     * Macro-F1: the unweighted mean over classes of {@code 2·TP / (2·TP + FP + FN)}, over the classes
     * that occur in the labels or the predictions (a class absent from both is left out, as in
     * scikit-learn's default with explicit labels restricted to those seen).
     */
    public static double macroF1(int[] predicted, int[] labels, boolean[] include, int numClasses) {
        long[] tp = new long[numClasses];
        long[] fp = new long[numClasses];
        long[] fn = new long[numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (include != null && !include[i]) {
                continue;
            }
            if (predicted[i] == labels[i]) {
                tp[labels[i]]++;
            } else {
                fp[predicted[i]]++;
                fn[labels[i]]++;
            }
        }
        double sum = 0;
        int classes = 0;
        for (int c = 0; c < numClasses; c++) {
            long denominator = 2 * tp[c] + fp[c] + fn[c];
            if (denominator > 0) {
                sum += 2.0 * tp[c] / denominator;
                classes++;
            }
        }
        return classes == 0 ? Double.NaN : sum / classes;
    }
}
