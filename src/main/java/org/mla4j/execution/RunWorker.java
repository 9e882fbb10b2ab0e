package org.mla4j.execution;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.io.InvalidInputException;
import org.mla4j.run.Provenance;
import org.mla4j.run.RunDirectory;
import org.mla4j.run.RunOutcome;
import org.mla4j.run.TrainingRun;
import org.mla4j.train.EpochListener;
import org.mla4j.train.EpochRecord;
import org.mla4j.train.Trainer;

/**
 * The main class of a child JVM that trains runs for a parent ({@link ProcessExecutor}, or a Spark
 * task): it reads one job per line from standard input ({@link WorkerProtocol}), trains it with
 * {@link TrainingRun} exactly as the parent would in-process, writes its run directory with
 * {@link RunDirectory} (atomically) and reports each epoch and the end on standard output. One run
 * at a time, which is what the engine allows per process (one open gradient collector, a global
 * random generator). Datasets are loaded once and kept for the next job.
 *
 * <p>When its standard input closes (the parent ended, or was killed) in the middle of a run, the
 * worker halts at once: nothing is left training for a parent that is gone, and the run's directory
 * never appears (only finished runs are renamed into place).
 */
public final class RunWorker {
    private static final String END = "\u0000end";

    private RunWorker() {
    }

    public static void main(String[] args) throws Exception {
        // the protocol owns standard output; anything else printed by Java code goes to standard error
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        LinkedBlockingQueue<String> jobs = new LinkedBlockingQueue<>();
        AtomicBoolean busy = new AtomicBoolean();
        Thread reader = new Thread(() -> readJobs(jobs, busy), "mla4j-worker-input");
        reader.setDaemon(true);
        reader.start();
        Map<Path, MultimodalDataset> datasets = new HashMap<>();
        while (true) {
            String line = jobs.take();
            if (line == END) {
                break;
            }
            busy.set(true);
            try {
                protocol.println(run(line, datasets, protocol));
            } finally {
                busy.set(false);
            }
        }
        protocol.flush();
        System.exit(0);
    }

    private static void readJobs(LinkedBlockingQueue<String> jobs, AtomicBoolean busy) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    jobs.add(line);
                }
            }
        } catch (IOException e) {
            // the parent is gone: same as the end of input
        }
        if (busy.get() || !jobs.isEmpty()) {
            Runtime.getRuntime().halt(3); // the parent went away mid-run: stop training for nobody
        }
        jobs.add(END);
    }

    /** Trains one job; returns the line that ends it ({@code done} or {@code failed}). */
    static String run(String line, Map<Path, MultimodalDataset> datasets, PrintStream protocol) {
        try {
            WorkerProtocol.Job job = WorkerProtocol.readJob(line);
            MultimodalDataset dataset = datasets.computeIfAbsent(job.data(), DatasetLoader::load);
            EpochListener epochs = new EpochListener() {
                @Override
                public void onEpoch(EpochRecord record, boolean improved) {
                    protocol.println(WorkerProtocol.epoch(record, improved));
                }
            };
            RunOutcome outcome = TrainingRun.execute(job.config(), dataset, epochs);
            RunDirectory.write(job.directory(), outcome, provenance(job.provenance()), false);
            return WorkerProtocol.done();
        } catch (Trainer.DivergedException e) {
            return WorkerProtocol.failed(e.getMessage(), true);
        } catch (InvalidInputException e) {
            return WorkerProtocol.failed(e.getMessage(), false);
        } catch (IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(RunWorker.class).debug("run failed", e);
            return WorkerProtocol.failed(e.getMessage() != null ? e.getMessage() : e.toString(), false);
        }
    }

    /**
     * The parent's provenance with this process's own facts (engine threads, device, creation time)
     * in place of the parent's: they describe the process that trained the run.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> provenance(Map<String, Object> parent) {
        Map<String, Object> merged = new LinkedHashMap<>(parent);
        Object command = parent.get("command");
        merged.putAll(Provenance.collect(command instanceof List<?> list ? (List<String>) list : List.of()));
        return merged;
    }
}
