package org.mla4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Scalar operands of graph operations must outlive the backward pass ({@link Scalars}): the
 * gradients through them are right even when the garbage collector has run and freed memory has been
 * refilled with NaN in between, and no method class passes a {@code Number} to an NDArray operation.
 */
class ScalarOperandTest {
    /** The descriptor of every {@code NDArray} operation that takes a {@code Number} operand. */
    private static final String NUMBER_OPERAND = "(Ljava/lang/Number;)Lai/djl/ndarray/NDArray;";

    @Test
    void gradientsThroughScalarsSurviveCollectedAndReusedMemory() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {2f, -1f});
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                // d/dx sum(max(x·3, 0) / 4) = 3/4 where x·3 > 0, else 0
                NDArray y = x.mul(Scalars.of(manager, 3f)).maximum(Scalars.of(manager, 0f))
                        .div(Scalars.of(manager, 4f)).sum();
                churnDirectMemory();
                collector.backward(y);
            }
            assertThat(x.getGradient().toFloatArray()).containsExactly(0.75f, 0f);
        }
    }

    /** Collects garbage (freeing unreachable direct buffers) and fills fresh small buffers with NaN. */
    private static void churnDirectMemory() {
        List<ByteBuffer> keep = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            System.gc();
            for (int i = 0; i < 2000; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(4 + (i % 4) * 4);
                while (b.remaining() >= 4) {
                    b.putFloat(Float.NaN);
                }
                keep.add(b);
            }
        }
        assertThat(keep).hasSize(10000);
    }

    @Test
    void methodClassesPassNoNumberOperands() throws IOException {
        Path classes = Path.of("target/classes/org/mla4j/method");
        assertThat(classes).isDirectory();
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (constants.contains(NUMBER_OPERAND)) {
                    offenders.add(classes.relativize(file).toString());
                }
            }
        }
        assertThat(offenders).as("classes calling an NDArray operation with a Number operand (use Scalars.of)")
                .isEmpty();
    }
}
