package org.mla4j.execution;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.mla4j.run.RunConfig;

/**
 * Trains one run in a child JVM of this one ({@link RunWorker}), as a cluster task does on its
 * executor: several tasks of one executor JVM then never share its engine (one gradient collector
 * per process, a global random generator), and each run is trained exactly as {@code --jobs} and
 * in-process training do.
 */
public final class ChildRun {
    /**
     * How the run ended.
     *
     * @param diverged training diverged: the same settings would diverge again, so retrying is pointless
     * @param reason   why it failed (null when done)
     */
    public record Outcome(boolean done, boolean diverged, String reason) {
    }

    private ChildRun() {
    }

    /**
     * Trains {@code config} on the dataset at {@code data} into {@code directory} (which appears only
     * when the run is finished).
     *
     * @param properties system properties of the child JVM on top of this one's (log level, device choice)
     */
    public static Outcome train(RunConfig config, Path directory, Path data, Map<String, Object> provenance,
                                Map<String, String> properties) throws IOException {
        BlockingQueue<WorkerProcess.Event> events = new LinkedBlockingQueue<>();
        try (WorkerProcess worker = WorkerProcess.start(ChildJvm.command(properties), 0, events)) {
            worker.send(WorkerProtocol.job(config, directory, data, provenance));
            while (true) {
                JsonNode message = events.take().message();
                if (message == null) {
                    return new Outcome(false, false, "the worker process (pid " + worker.pid()
                            + ") ended with exit code " + worker.exitCode() + " in the middle of the run");
                }
                switch (message.path("event").asText()) {
                    case WorkerProtocol.DONE -> {
                        return new Outcome(true, false, null);
                    }
                    case WorkerProtocol.FAILED -> {
                        return new Outcome(false, message.path("diverged").asBoolean(),
                                message.path("reason").asText("unknown error"));
                    }
                    default -> {
                        // epochs: nobody watches them here
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the run was training", e);
        }
    }
}
