package org.mla4j.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands that stay valid until the backward pass has read them.
 *
 * <p>DJL turns a {@code Number} operand ({@code x.mul(0.1f)}, {@code x.div(n)}, {@code x.maximum(0f)})
 * into a 0-d engine tensor that aliases a Java direct buffer and closes it as soon as the operation
 * returns. PyTorch's autograd keeps that tensor for the backward pass of {@code mul}, {@code div},
 * {@code maximum} and the like; once the buffer is garbage-collected, backward reads freed memory.
 * Which value it reads depends on when the collector ran, so runs differed from run to run and now and
 * then a gradient became NaN (QMF diverged in 4 of 6 identical runs on a loaded machine). A tensor
 * made by {@code full} owns its memory inside the engine and lives as long as autograd needs it.
 *
 * <p>Rule: code that builds a graph for backward never passes a {@code Number} to an {@link NDArray}
 * operation; it uses {@link #of} ({@code ScalarOperandTest} checks the method classes for it).
 */
public final class Scalars {
    private Scalars() {
    }

    /** A 0-d float32 tensor holding {@code value}, owned by the engine, in {@code manager}. */
    public static NDArray of(NDManager manager, float value) {
        return manager.full(new Shape(), value);
    }
}
