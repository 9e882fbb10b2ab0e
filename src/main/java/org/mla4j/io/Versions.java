package org.mla4j.io;

import ai.djl.engine.Engine;

/** Versions recorded in provenance and printed by {@code mla --version}. */
public final class Versions {
    private Versions() {
    }

    public static String mla4j() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    /** DJL's version as its api jar records it (not the jar manifest's: an assembled jar has only mla4j's). */
    public static String djl() {
        String v = Engine.getDjlVersion();
        return v != null ? v : "0.35.1";
    }

    /** The PyTorch version of the native engine (loads the engine). */
    public static String pytorch() {
        return Engine.getEngine("PyTorch").getVersion();
    }
}
