package org.mla4j.execution;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A parent's handle on one {@link RunWorker} child JVM: sends it jobs, and turns what it prints into
 * {@link Event}s on a queue shared by all workers (read by one thread, so events of all workers come
 * in one order). The child's standard error is the parent's. Lines on its standard output that are not
 * the protocol's (a native library's chatter) are passed to the parent's standard error.
 */
final class WorkerProcess implements AutoCloseable {
    /** What a worker said: a protocol event, or {@code null} once its output ended (it exited). */
    record Event(WorkerProcess worker, JsonNode message) {
    }

    private final Process process;
    private final Writer input;
    private final int id;

    private WorkerProcess(Process process, int id) {
        this.process = process;
        this.id = id;
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Starts a child JVM running {@code command}, its events going to {@code events}. */
    static WorkerProcess start(List<String> command, int id, BlockingQueue<Event> events) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putIfAbsent("TORCH_CPP_LOG_LEVEL", "ERROR");
        WorkerProcess worker = new WorkerProcess(pb.start(), id);
        Thread reader = new Thread(() -> worker.read(events), "mla4j-worker-" + id + "-output");
        reader.setDaemon(true);
        reader.start();
        return worker;
    }

    private void read(BlockingQueue<Event> events) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                JsonNode event = WorkerProtocol.event(line);
                if (event != null) {
                    events.add(new Event(this, event));
                } else {
                    System.err.println(line);
                }
            }
        } catch (IOException e) {
            // the child is gone; its exit is reported below
        }
        events.add(new Event(this, null));
    }

    /** Sends one job line. */
    void send(String jobLine) throws IOException {
        input.write(jobLine);
        input.write('\n');
        input.flush();
    }

    /** The child's exit code, waiting for it to end (it has closed its output). */
    int exitCode() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return process.waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    int id() {
        return id;
    }

    long pid() {
        return process.pid();
    }

    /** Ends the worker: closes its input, so an idle worker exits; waits for it, then kills it if it must. */
    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException e) {
            // it has exited already
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Kills the worker now (the parent is shutting down). */
    void kill() {
        process.destroyForcibly();
    }
}
