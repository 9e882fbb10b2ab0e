package org.mla4j.train;

import ai.djl.nn.Parameter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mla4j.core.Method;
import org.mla4j.engine.TrainingSession;
import org.mla4j.nn.ParameterGroup;
import org.mla4j.nn.ParameterSnapshot;

/**
 * The optimiser's state in a checkpoint, by qualified parameter name on the host: each velocity
 * ({@code v = lr·b}, exact bits) and, under {@code NAME#lr}, the learning rate it is scaled by.
 * Parameters never updated before the checkpoint have no entry, as in the original run.
 */
final class OptimizerState {
    /** Suffix of the entry that holds the learning rate a velocity is scaled by. */
    static final String LR_SUFFIX = "#lr";

    private OptimizerState() {
    }

    static ParameterSnapshot export(Method method, TrainingSession session) {
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (ParameterGroup g : method.groups()) {
            for (int i = 0; i < g.parameters().size(); i++) {
                Parameter p = g.parameters().get(i);
                float[] velocity = session.velocity(p);
                if (velocity != null) {
                    String name = g.parameterNames().get(i);
                    values.put(name, velocity);
                    shapes.put(name, p.getArray().getShape().getShape());
                    values.put(name + LR_SUFFIX, new float[] {session.velocityScale(p)});
                    shapes.put(name + LR_SUFFIX, new long[] {1});
                }
            }
        }
        return ParameterSnapshot.of(values, shapes);
    }

    static void restore(Method method, TrainingSession session, ParameterSnapshot momentum) {
        for (ParameterGroup g : method.groups()) {
            for (int i = 0; i < g.parameters().size(); i++) {
                String name = g.parameterNames().get(i);
                float[] values = momentum.values().get(name);
                if (values == null) {
                    continue; // never updated before the checkpoint: no buffer, as in the original run
                }
                Parameter p = g.parameters().get(i);
                long[] shape = momentum.shapes().get(name);
                if (!Arrays.equals(shape, p.getArray().getShape().getShape())) {
                    throw new Trainer.IncompatibleStateException("momentum of " + name + " has shape "
                            + Arrays.toString(shape) + " but the parameter has " + p.getArray().getShape());
                }
                float[] scale = momentum.values().get(name + LR_SUFFIX);
                if (scale == null || scale.length != 1) {
                    throw new Trainer.IncompatibleStateException("momentum of " + name + " lacks its learning-rate scale");
                }
                session.setVelocity(p, values, scale[0]);
            }
        }
    }
}
