package org.mla4j.method.baseline;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mla4j.core.MethodState;
import org.mla4j.core.ModelSpec;

/**
 * QMF's history as checkpoint state, per modality: the paper variant's cumulative losses
 * {@code qmf.loss.<modality>} (one per training sample seen, float64 as kept), or the simplified
 * variant's counts {@code qmf.visits.<modality>} and {@code qmf.correct.<modality>}. Only the training
 * variant's keys are written, so a checkpoint of the other variant is refused on resume (it lacks them).
 */
final class QmfState implements MethodState {
    private final ModelSpec spec;
    private final QmfVariant variant;
    private final LossHistory losses;
    private final CorrectnessHistory correctness;

    QmfState(ModelSpec spec, QmfVariant variant, LossHistory losses, CorrectnessHistory correctness) {
        this.spec = spec;
        this.variant = variant;
        this.losses = losses;
        this.correctness = correctness;
    }

    @Override
    public Map<String, double[]> export() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int m = 0; m < spec.numModalities(); m++) {
            String name = spec.modalities().get(m).name();
            if (variant == QmfVariant.PAPER) {
                out.put("qmf.loss." + name, losses.export(m));
            } else {
                int[][] counts = correctness.export(m);
                out.put("qmf.visits." + name, Arrays.stream(counts[0]).asDoubleStream().toArray());
                out.put("qmf.correct." + name, Arrays.stream(counts[1]).asDoubleStream().toArray());
            }
        }
        return out;
    }

    @Override
    public void restore(Map<String, double[]> values) {
        for (int m = 0; m < spec.numModalities(); m++) {
            String name = spec.modalities().get(m).name();
            double[] visits = values.get("qmf.visits." + name);
            double[] correct = values.get("qmf.correct." + name);
            if (visits != null && correct != null) {
                correctness.restore(m, toInts(visits), toInts(correct));
            }
            double[] loss = values.get("qmf.loss." + name);
            if (loss != null) {
                losses.restore(m, loss);
            }
        }
    }

    private static int[] toInts(double[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (int) values[i];
        }
        return out;
    }
}
