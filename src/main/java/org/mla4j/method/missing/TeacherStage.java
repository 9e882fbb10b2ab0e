package org.mla4j.method.missing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.List;
import org.mla4j.core.Batch;
import org.mla4j.core.TensorSplit;
import org.mla4j.engine.Scalars;
import org.mla4j.io.InvalidInputException;
import org.mla4j.nn.ParameterGroup;

/**
 * The first stage of a two-stage baseline (MMIN, IF-MMIN, TATE): a teacher trained on complete samples
 * for the first T epochs, then the student. The stage follows from the epoch number alone, so a run
 * resumed from a checkpoint continues in the right stage; epochs of the teacher stage are never
 * chosen by validation ({@link org.mla4j.core.Method#selectable}).
 */
public final class TeacherStage {
    private final String method;
    private final int epochs;

    /** @param epochs T, the teacher's epochs (≥ 1) */
    public TeacherStage(String method, int epochs) {
        this.method = method;
        this.epochs = epochs;
    }

    public int epochs() {
        return epochs;
    }

    /** Whether {@code epoch} (0-based) trains the teacher. */
    public boolean isTeacherEpoch(int epoch) {
        return epoch < epochs;
    }

    /** The first epoch of the student. */
    public boolean isFirstStudentEpoch(int epoch) {
        return epoch == epochs;
    }

    /**
     * Refuses a fit split with fewer than 2·K complete samples (every modality present or hidden by a
     * simulated mask): too few for a teacher. One clear sentence naming both numbers.
     */
    public void requireTeacherData(TensorSplit fit, NDManager parent) {
        int count;
        try (NDManager manager = parent.newSubManager()) {
            Batch all = fit.slice(manager, 0, fit.size());
            count = 0;
            for (int i = 0; i < all.size(); i++) {
                boolean complete = true;
                for (int m = 0; m < all.numModalities(); m++) {
                    complete &= all.isPresent(m, i) || all.isHidden(m, i);
                }
                count += complete ? 1 : 0;
            }
        }
        int need = 2 * fit.numClasses();
        if (count < need) {
            throw new InvalidInputException(method + " trains its teacher on complete training samples (every "
                    + "modality present, or hidden by the simulated mask) and needs at least " + need + " (2 per "
                    + "class), but the fit split has " + count);
        }
    }

    /**
     * Copies every parameter of {@code from} into {@code to} in place (same layout): the student starts
     * from the teacher. Outside any gradient recording.
     */
    public static void copy(ParameterGroup from, ParameterGroup to) {
        List<Parameter> source = from.parameters();
        List<Parameter> target = to.parameters();
        if (source.size() != target.size()) {
            throw new IllegalArgumentException(from.name() + " and " + to.name() + " differ in layout");
        }
        for (int i = 0; i < source.size(); i++) {
            NDArray s = source.get(i).getArray();
            NDArray t = target.get(i).getArray();
            if (!s.getShape().equals(t.getShape())) {
                throw new IllegalArgumentException(from.parameterNames().get(i) + " has shape " + s.getShape()
                        + ", " + to.parameterNames().get(i) + " " + t.getShape());
            }
            try (NDManager temporary = t.getManager().newSubManager()) {
                t.muli(Scalars.of(temporary, 0f)).addi(s); // in place: the optimiser keeps its handles
            }
        }
    }
}
