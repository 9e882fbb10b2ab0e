package org.mla4j.cli;

import org.mla4j.io.Versions;
import picocli.CommandLine;

/** Prints mla4j's version and the engine it runs on. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"mla4j " + Versions.mla4j(), "DJL " + Versions.djl() + ", PyTorch " + Versions.pytorch(),
                "Java " + System.getProperty("java.version")};
    }
}
