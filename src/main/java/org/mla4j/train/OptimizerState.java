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
 * The optimiser's state in a checkpoint, by qualified parameter name on the host, exact bits: SGD's
 * velocity ({@code v = lr·b}) under the name and the lr it is scaled by under {@code NAME#lr}; Adam's
 * moments and step count under {@code NAME#m}, {@code NAME#v}, {@code NAME#t}. Parameters never
 * updated before the checkpoint have no entry, as in the original run.
 */
final class OptimizerState {
    private OptimizerState() {
    }

    static ParameterSnapshot export(Method method, TrainingSession session) {
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (ParameterGroup g : method.groups()) {
            for (int i = 0; i < g.parameters().size(); i++) {
                Parameter p = g.parameters().get(i);
                String name = g.parameterNames().get(i);
                session.optimizerState(p).forEach((suffix, v) -> {
                    values.put(name + suffix, v);
                    shapes.put(name + suffix, v.length == p.getArray().size() ? p.getArray().getShape().getShape()
                            : new long[] {v.length});
                });
            }
        }
        return ParameterSnapshot.of(values, shapes);
    }

    static void restore(Method method, TrainingSession session, ParameterSnapshot saved) {
        for (ParameterGroup g : method.groups()) {
            for (int i = 0; i < g.parameters().size(); i++) {
                String name = g.parameterNames().get(i);
                Parameter p = g.parameters().get(i);
                Map<String, float[]> state = new LinkedHashMap<>();
                for (String key : saved.values().keySet()) {
                    String suffix = key.startsWith(name) ? key.substring(name.length()) : null;
                    if (suffix != null && (suffix.isEmpty() || suffix.startsWith("#"))) {
                        float[] v = saved.values().get(key);
                        if (v.length > 1 && !Arrays.equals(saved.shapes().get(key), p.getArray().getShape().getShape())) {
                            throw new Trainer.IncompatibleStateException("optimiser state " + key + " has shape "
                                    + Arrays.toString(saved.shapes().get(key)) + " but the parameter has "
                                    + p.getArray().getShape());
                        }
                        state.put(suffix, v);
                    }
                }
                try {
                    session.restoreOptimizerState(p, state);
                } catch (IllegalArgumentException e) {
                    throw new Trainer.IncompatibleStateException("the optimiser state of " + name + " " + e.getMessage());
                }
            }
        }
    }
}
