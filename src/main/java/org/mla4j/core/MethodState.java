package org.mla4j.core;

import java.util.Map;

/**
 * Method-specific training state beyond parameters (HGM's matrix, the previous turn's feature
 * mean, QMF's history...), exported as named double arrays so checkpoints can hold it.
 */
public interface MethodState {
    MethodState NONE = new MethodState() {
        @Override
        public Map<String, double[]> export() {
            return Map.of();
        }

        @Override
        public void restore(Map<String, double[]> values) {
        }
    };

    Map<String, double[]> export();

    void restore(Map<String, double[]> values);
}
