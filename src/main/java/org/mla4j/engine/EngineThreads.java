package org.mla4j.engine;

/** The engine's intra-op thread setting, as the launcher or the caller configured it. */
public final class EngineThreads {
    /** The system property PyTorch's DJL engine reads its intra-op thread count from. */
    public static final String PROPERTY = "ai.djl.pytorch.num_threads";

    private EngineThreads() {
    }

    /** The configured thread count as given ("default" when none is), for provenance. */
    public static String configured() {
        return System.getProperty(PROPERTY, "default");
    }
}
