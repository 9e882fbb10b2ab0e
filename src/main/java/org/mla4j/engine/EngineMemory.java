package org.mla4j.engine;

import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Java views of engine tensors' memory, for optimiser arithmetic written as plain Java loops
 * ({@link AdamRule}, {@link Optimizer#clip}). One such loop reads and writes each element once, where
 * the engine's fused Adam makes several passes with temporaries the size of the group (2.9× slower on
 * a 3.55M-value group on the 2-core test machine); and a loop creates no engine arrays, so it may run
 * on any thread.
 *
 * <p>DJL hands out a view of a tensor's own memory only where the tensor is contiguous; for any other
 * it silently views a contiguous copy, which a loop would update in vain. Its own contiguity test is
 * not public, so {@link #alias} calls it reflectively (DJL is pinned); if that ever fails, every view
 * is refused and the callers keep the engine's arithmetic.
 */
final class EngineMemory {
    private static final MethodHandle IS_CONTIGUOUS = contiguityTest();

    private EngineMemory() {
    }

    /**
     * A float view of {@code a}'s own memory, or null where there is none to be had (a strided or
     * empty tensor, not float32, or no contiguity test). The view is valid while {@code a} lives and
     * keeps its storage: take it afresh for each use.
     */
    static FloatBuffer alias(PtNDArray a) {
        if (IS_CONTIGUOUS == null || a.getDataType() != DataType.FLOAT32 || a.size() == 0 || !contiguous(a)) {
            return null;
        }
        ByteBuffer memory = JniUtils.getByteBuffer(a, true);
        if (!memory.isDirect() || memory.capacity() != a.size() * Float.BYTES) {
            return null;
        }
        return memory.order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static boolean contiguous(PtNDArray a) {
        try {
            return (boolean) IS_CONTIGUOUS.invokeExact((long) (Long) a.getHandle());
        } catch (Throwable e) {
            return false;
        }
    }

    /** {@code PyTorchLibrary.LIB.torchIsContiguous(long)} bound to its receiver, or null. */
    private static MethodHandle contiguityTest() {
        try {
            Class<?> library = Class.forName("ai.djl.pytorch.jni.PyTorchLibrary");
            Field lib = library.getDeclaredField("LIB");
            lib.setAccessible(true);
            Method test = library.getDeclaredMethod("torchIsContiguous", long.class);
            test.setAccessible(true);
            return MethodHandles.lookup().unreflect(test).bindTo(lib.get(null))
                    .asType(MethodType.methodType(boolean.class, long.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
