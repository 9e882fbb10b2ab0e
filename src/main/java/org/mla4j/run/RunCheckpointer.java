package org.mla4j.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.mla4j.io.AtomicFiles;
import org.mla4j.train.Checkpointer;
import org.mla4j.train.TrainingState;

/**
 * Saves a run's checkpoint into {@code RUN_DIR/checkpoint/} every N epochs ({@link CheckpointFiles}).
 *
 * <p>The run directory is created by the first save, not before: a run that fails early (bad input,
 * divergence in the first epochs) leaves nothing behind. When the run finishes, its results replace
 * the whole directory in one rename ({@link RunDirectory#write}), so the checkpoint disappears with
 * the commit. The last epoch is not checkpointed: the results are written right after it.
 */
public final class RunCheckpointer implements Checkpointer {
    private final Path runDir;
    private final int every;
    private final CheckpointFiles.Header header;
    private boolean replaceExisting;
    private boolean saved;

    /**
     * @param every           epochs between checkpoints (0: never)
     * @param replaceExisting whether a directory already at {@code runDir} may be replaced (--force);
     *                        otherwise it must be this run's own directory (a resume)
     */
    public RunCheckpointer(Path runDir, int every, CheckpointFiles.Header header, boolean replaceExisting) {
        if (every < 0) {
            throw new IllegalArgumentException("checkpoint interval must be >= 0, got " + every);
        }
        this.runDir = runDir;
        this.every = every;
        this.header = header;
        this.replaceExisting = replaceExisting;
    }

    @Override
    public boolean due(int epochsDone, int totalEpochs) {
        return every > 0 && epochsDone < totalEpochs && epochsDone % every == 0;
    }

    @Override
    public void save(TrainingState state) {
        if (replaceExisting && Files.exists(runDir)) {
            // --force: the old directory goes when this run takes its place, not when it is started
            Path aside = runDir.resolveSibling("." + runDir.getFileName() + ".old-" + java.util.UUID.randomUUID());
            try {
                Files.move(runDir, aside, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot replace " + runDir + ": " + e.getMessage(), e);
            }
            AtomicFiles.deleteRecursively(aside);
        }
        replaceExisting = false;
        boolean creating = !saved && !Files.exists(runDir);
        try {
            CheckpointFiles.write(runDir, header, every, state);
        } catch (RuntimeException | Error e) {
            if (creating) {
                AtomicFiles.deleteRecursively(runDir); // e.g. a full disk: leave no empty run directory behind
            }
            throw e; // a later failure keeps the previous checkpoint, complete, for --resume
        }
        saved = true;
    }

    /** Whether this run has written into its directory (so the final commit must replace it). */
    public boolean savedAny() {
        return saved;
    }

    public int every() {
        return every;
    }
}
