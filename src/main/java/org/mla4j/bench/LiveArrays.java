package org.mla4j.bench;

import ai.djl.ndarray.NDManager;

/** Counts the engine arrays alive in the whole process (every manager), to catch leaks. */
public final class LiveArrays {
    private LiveArrays() {
    }

    /** Arrays held by all managers under the engine's root (the given manager's top ancestor). */
    public static int count(NDManager anyManager) {
        NDManager root = anyManager;
        while (root.getParentManager() != null && root.getParentManager() != root) {
            root = root.getParentManager();
        }
        return root.getManagedArrays().size();
    }
}
