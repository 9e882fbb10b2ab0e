package org.mla4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Flush-to-zero: engine arithmetic that would produce a denormal float gives 0 while the mode is on
 * (the tests run the engine with one thread, so operations run on the calling thread), and the
 * thread's previous mode comes back when the handle closes.
 */
class FlushToZeroTest {
    /** MXCSR without its six sticky exception flags, which any arithmetic may set. */
    private static final int CONTROL_BITS = ~0x3f;

    /** 1e-30 × 1e-10 = 1e-40: below float32's smallest normal number (1.18e-38), so denormal. */
    private static float denormalProduct() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(new float[] {1e-30f, 3f});
            NDArray b = manager.create(new float[] {1e-10f, 2f});
            return a.mul(b).toFloatArray()[0];
        }
    }

    @AfterEach
    void propertyBack() {
        System.clearProperty(FlushToZero.PROPERTY);
    }

    @Test
    void engineFlushesDenormalResultsOnlyWhileOn() {
        assumeTrue(FlushToZero.supported(), "x86-64 Linux only");
        int before = FlushToZero.mxcsr();
        float kept = denormalProduct();
        assertThat(kept).isGreaterThan(0f).isLessThan(Float.MIN_NORMAL);
        try (FlushToZero flush = FlushToZero.enable(true)) {
            assertThat(flush.active()).isTrue();
            assertThat(FlushToZero.mxcsr() & 0x8040).isEqualTo(0x8040);
            assertThat(denormalProduct()).isZero();
        }
        assertThat(FlushToZero.mxcsr() & CONTROL_BITS).isEqualTo(before & CONTROL_BITS);
        assertThat(denormalProduct()).isEqualTo(kept);
    }

    @Test
    void offWhenNotWantedLeavesTheThreadAlone() {
        int before = FlushToZero.mxcsr();
        try (FlushToZero flush = FlushToZero.enable(false)) {
            assertThat(flush.active()).isFalse();
            assertThat(FlushToZero.mxcsr() & CONTROL_BITS).isEqualTo(before & CONTROL_BITS);
        }
    }

    @Test
    void systemPropertyTurnsItOff() {
        assertThat(FlushToZero.requested()).isTrue();
        for (String off : new String[] {"false", "0", "OFF", " off "}) {
            System.setProperty(FlushToZero.PROPERTY, off);
            assertThat(FlushToZero.requested()).as(off).isFalse();
        }
        System.setProperty(FlushToZero.PROPERTY, "1");
        assertThat(FlushToZero.requested()).isTrue();
    }
}
