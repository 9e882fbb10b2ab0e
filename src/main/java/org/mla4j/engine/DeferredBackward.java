package org.mla4j.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.mla4j.nn.ParameterGroup;

/**
 * Backward passes cut at a group's output so that the group's share can run later, or on another
 * thread. What comes after the group reads a copy of its output that starts a graph of its own;
 * backward from the loss stops there and leaves the loss's gradient in the copy; the group's share
 * carries it on through the group. Together the two halves give the same gradients, bit for bit, as
 * one backward pass: the chain rule runs the same products in the same order, and PyTorch lets
 * separate graphs run backward on separate threads.
 *
 * <p>A group's share needs the gradient at its copy to be complete, which it is once every share cut
 * after it that may feed it has run: a later cut's group may have read this one's output, unless its
 * input needed no gradient (raw data), in which case its share gives nothing to earlier cuts. So
 * taking a group's share first runs, here and newest first, every pending later share that may.
 */
final class DeferredBackward {
    /**
     * @param independent the group's input needed no gradient, so its share gives none to earlier cuts
     * @param pass        the backward pass (gradient collector) the cut belongs to
     */
    private record Cut(ParameterGroup producer, NDArray output, NDArray copy, boolean independent, int pass) {
        /** The share as a task that owns the two arrays it reads, so it may outlive the batch that made them. */
        Runnable task() {
            NDArray gradient = copy.getGradient();
            output.detach();
            gradient.detach();
            return () -> {
                try {
                    Autograd.backward(output, gradient);
                } finally {
                    output.close();
                    gradient.close();
                }
            };
        }
    }

    private final List<Cut> pending = new ArrayList<>();

    /** A share taken for running: the task, and the backward pass it belongs to. */
    record Share(Runnable task, int pass) {
    }

    /**
     * What follows {@code producer} reads the returned copy of its {@code output}, which the group
     * computed from {@code input} during backward pass {@code pass}.
     */
    NDArray cut(ParameterGroup producer, NDArray input, NDArray output, int pass) {
        NDArray copy = output.stopGradient();
        copy.setRequiresGradient(true);
        pending.add(new Cut(producer, output, copy, !input.hasGradient(), pass));
        return copy;
    }

    /**
     * The rest of {@code group}'s backward pass as one task (null when nothing is pending for it),
     * after running here every later pending share that may feed it (one whose group read something
     * that needed a gradient). The task may run on another thread.
     */
    Share take(ParameterGroup group) {
        int first = -1;
        for (int i = 0; i < pending.size() && first < 0; i++) {
            if (pending.get(i).producer() == group) {
                first = i;
            }
        }
        if (first < 0) {
            return null;
        }
        int pass = pending.get(first).pass();
        List<Runnable> mine = new ArrayList<>();
        for (int i = pending.size() - 1; i >= first; i--) {
            Cut c = pending.get(i);
            if (c.producer() == group) {
                mine.add(c.task());
                pending.remove(i);
            } else if (!c.independent()) {
                c.task().run();
                pending.remove(i);
            }
        }
        return new Share(() -> mine.forEach(Runnable::run), pass);
    }

    /** Runs, here, the rest of the backward pass of the group that holds {@code parameter}, if pending. */
    void finishOwnerOf(Parameter parameter) {
        for (Cut c : List.copyOf(pending)) {
            if (c.producer().parameters().contains(parameter)) {
                Share rest = take(c.producer());
                if (rest != null) {
                    rest.task().run();
                }
                return;
            }
        }
    }

    /** Forgets shares no update asked for: their arrays close with the batch. */
    void clear() {
        pending.clear();
    }
}
