package org.mla4j.train;

import java.util.Arrays;
import java.util.Map;
import org.mla4j.core.Method;
import org.mla4j.engine.TrainingSession;
import org.mla4j.nn.ParameterSnapshot;

/**
 * Puts a saved {@link TrainingState} back into a freshly built method and optimiser: parameters,
 * momentum buffers and the method's own state. Anything that does not fit (names, shapes, a method
 * state key the method needs) is an {@link Trainer.IncompatibleStateException} naming it, raised
 * before training continues rather than at the end of the run.
 */
final class StateRestore {
    private StateRestore() {
    }

    static void apply(Method method, TrainingSession session, TrainingState state) {
        if (state.epochsDone() < 0) {
            throw new Trainer.IncompatibleStateException("negative epoch count " + state.epochsDone());
        }
        try {
            state.parameters().restoreInto(method.groups());
            if (state.best() != null) {
                requireSameShapes(state.best(), state.parameters());
            }
        } catch (IllegalArgumentException e) {
            throw new Trainer.IncompatibleStateException(e.getMessage());
        }
        OptimizerState.restore(method, session, state.momentum());
        for (String key : method.state().export().keySet()) {
            // a key the fresh method already has must be in the checkpoint, or restore() would keep its initial value
            if (!state.methodState().containsKey(key)) {
                throw new Trainer.IncompatibleStateException("the method state lacks '" + key + "' that "
                        + method.name() + " needs");
            }
        }
        try {
            method.state().restore(state.methodState());
        } catch (RuntimeException e) {
            throw new Trainer.IncompatibleStateException("the method state does not fit " + method.name() + " ("
                    + e.getMessage() + ")");
        }
    }

    private static void requireSameShapes(ParameterSnapshot best, ParameterSnapshot current) {
        for (Map.Entry<String, long[]> e : current.shapes().entrySet()) {
            long[] shape = best.shapes().get(e.getKey());
            if (!Arrays.equals(shape, e.getValue()) || best.values().get(e.getKey()) == null) {
                throw new Trainer.IncompatibleStateException("best-epoch parameter " + e.getKey()
                        + " is missing or has shape " + Arrays.toString(shape) + " instead of "
                        + Arrays.toString(e.getValue()));
            }
        }
    }
}
