package org.mla4j.spark;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * The driver's view of its tasks starting and ending (Spark's listener bus calls this on its own
 * thread; the executor reads the queue on the grid's thread). A task's index is its partition: one
 * run per partition.
 */
final class TaskEvents extends SparkListener {
    /**
     * A task attempt started ({@code ended} false) or ended.
     *
     * @param reason why an attempt that ended failed (null when it succeeded)
     */
    record Event(int index, int attempt, boolean ended, boolean succeeded, String reason) {
    }

    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
        queue.add(new Event(start.taskInfo().index(), start.taskInfo().attemptNumber(), false, false, null));
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        boolean ok = end.taskInfo().successful();
        String reason = ok ? null : end.reason() instanceof TaskFailedReason failed ? failed.toErrorString()
                : String.valueOf(end.reason());
        queue.add(new Event(end.taskInfo().index(), end.taskInfo().attemptNumber(), true, ok, reason));
    }

    /** The next event, or null after {@code millis} without one. */
    Event poll(long millis) throws InterruptedException {
        return queue.poll(millis, TimeUnit.MILLISECONDS);
    }
}
