package org.mla4j.data.raw;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mla4j.data.raw.audio.LogMelParams;
import org.mla4j.data.raw.audio.WindowFunction;

class LogMelParityTest {
    static final Path RAW = Path.of("../shared/data/av_mnist_fsdd_raw/index.csv");
    static final Path REF = Path.of("../shared/data/av_mnist_fsdd/audio_logmel_1024.npy");

    /** 100 rows: 10 per digit, spread over its 6 speakers and 50 recordings. */
    static int[] spreadRows() {
        int[] rows = new int[100];
        for (int i = 0; i < 100; i++) {
            rows[i] = i * 30 + (i * 13) % 30;
        }
        return rows;
    }

    @Test
    void javaFeaturesMatchTheReferenceWithin1e3() {
        assertThat(RAW).as("shared data set beside the project").exists();
        LogMelParity.Report r = LogMelParity.compare(RAW, REF, LogMelParams.avMnistFsdd(), spreadRows());
        assertThat(r.rows()).hasSize(100);
        assertThat(r.rowsAbove(1e-3)).as(r.toString()).isZero();
        assertThat(r.maxAbsDiff()).as(r.toString()).isLessThanOrEqualTo(1e-3);
    }

    @Test
    void theCheckNoticesAWrongRecipe() {
        LogMelParams p = LogMelParams.avMnistFsdd();
        LogMelParams hamming = new LogMelParams(p.sampleRate(), p.windowSamples(), p.frameLength(), p.nFft(), p.hop(),
                WindowFunction.HAMMING, p.frames(), p.melBands(), p.fminHz(), p.fmaxHz(), p.melScale(), p.triangles(),
                p.power(), p.logFloor(), p.floorMode(), p.preemphasis(), p.removeDc(), p.layout());
        LogMelParity.Report r = LogMelParity.compare(RAW, REF, hamming, new int[] {0, 1500, 2999});
        assertThat(r.maxAbsDiff()).isGreaterThan(0.01);
        assertThat(r.rowsAbove(1e-3)).isEqualTo(3);
    }
}
