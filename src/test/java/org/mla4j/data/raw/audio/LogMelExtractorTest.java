package org.mla4j.data.raw.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.mla4j.io.InvalidInputException;

class LogMelExtractorTest {

    @Test
    void centredCropAndSymmetricPad() {
        float[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertThat(SignalFit.centre(x, 4)).containsExactly(3, 4, 5, 6);   // start ⌊(10−4)/2⌋ = 3
        assertThat(SignalFit.centre(x, 7)).containsExactly(1, 2, 3, 4, 5, 6, 7); // start ⌊3/2⌋ = 1
        float[] y = {1, 2, 3};
        assertThat(SignalFit.centre(y, 6)).containsExactly(0, 1, 2, 3, 0, 0); // 1 left, 2 right
        assertThat(SignalFit.centre(y, 7)).containsExactly(0, 0, 1, 2, 3, 0, 0);
    }

    @Test
    void avMnistFramingGivesExactly32Frames() {
        LogMelParams p = LogMelParams.avMnistFsdd();
        // frames start at 0, 248, …, 31·248 = 7688; 7688 + 256 = 7944 ≤ 8000 < 32·248 + 256
        assertThat(p.framesThatFit(8000)).isEqualTo(32);
        assertThat(p.featureDim()).isEqualTo(1024);
        assertThat(new LogMelExtractor(p).extract(new float[3000], 8000)).hasSize(1024);
    }

    @Test
    void silenceGivesTheLogFloor() {
        float[] f = new LogMelExtractor(LogMelParams.avMnistFsdd()).extract(new float[5000], 8000);
        for (float v : f) {
            assertThat(v).isEqualTo((float) Math.log(1e-6)); // −13.8155…
        }
    }

    @Test
    void cosineAtABinCentreMatchesTheHandComputedSpectrum() {
        // x = A·cos(2π·32·t/256) (1000 Hz at 8 kHz). Periodic-Hann windowed, every frame has
        // |X[32]| = A·256/4 and |X[31]| = |X[33]| = A·256/8, all other bins 0.
        double a = 0.3;
        float[] x = new float[8000];
        for (int t = 0; t < x.length; t++) {
            x[t] = (float) (a * Math.cos(2 * Math.PI * 32 * t / 256));
        }
        LogMelExtractor ex = new LogMelExtractor(LogMelParams.avMnistFsdd());
        float[] f = ex.extract(x, 8000);
        MelFilterBank bank = ex.filterBank();
        double p32 = Math.pow(a * 64, 2);
        double p31 = Math.pow(a * 32, 2);
        for (int b = 0; b < 32; b++) {
            double mel = bank.weight(b, 32) * p32 + (bank.weight(b, 31) + bank.weight(b, 33)) * p31;
            double expected = Math.log(mel + 1e-6);
            for (int t = 0; t < 32; t++) {
                // layout [band][frame]; x is float-rounded, hence the tolerance
                assertThat((double) f[b * 32 + t]).as("band %d frame %d", b, t).isCloseTo(expected, within(2e-3));
            }
        }
        // 1000 Hz lies between the peaks of filters 15 (1062 Hz) and 14: filter 15 holds bin 32
        assertThat(bank.weight(15, 32)).isGreaterThan(0.3);
    }

    @Test
    void kaldiFbankPresetFollowsKaldiDefaults() {
        LogMelParams p = LogMelParams.kaldiFbank();
        assertThat(p.sampleRate()).isEqualTo(16000);
        assertThat(p.frameLength()).isEqualTo(400);   // 25 ms
        assertThat(p.hop()).isEqualTo(160);           // 10 ms
        assertThat(p.nFft()).isEqualTo(512);          // next power of two
        assertThat(p.melBands()).isEqualTo(128);
        assertThat(p.fminHz()).isEqualTo(20.0);
        assertThat(p.fmaxHz()).isEqualTo(8000.0);
        assertThat(p.preemphasis()).isEqualTo(0.97);
        assertThat(p.removeDc()).isTrue();
        assertThat(p.logFloor()).isEqualTo(Math.ulp(1.0f));
        assertThat(LogMelParams.kaldiFbank(8000, 64, 0).nFft()).isEqualTo(256); // 200-sample frames
        // 1 s at 16 kHz: 1 + ⌊(16000 − 400)/160⌋ = 98 whole frames
        LogMelExtractor variable = new LogMelExtractor(LogMelParams.kaldiFbank(16000, 128, 0));
        assertThat(variable.extract(new float[16000], 16000)).hasSize(98 * 128);
        assertThatThrownBy(() -> variable.extract(new float[399], 16000))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("shorter than one 400-sample frame");
    }

    @Test
    void kaldiRemovesDcAndPadsMissingFramesWithSilence() {
        float[] dc = new float[16000];
        java.util.Arrays.fill(dc, 0.25f);
        float[] f = new LogMelExtractor(LogMelParams.kaldiFbank()).extract(dc, 16000);
        assertThat(f).hasSize(1024 * 128);
        float floor = (float) Math.log(Math.ulp(1.0f)); // ln(2^−23) = −15.942…
        for (float v : f) {
            assertThat(v).isEqualTo(floor);
        }
    }

    @Test
    void kaldiFrameMajorLayoutAndResampling() {
        float[] x = new float[8000];
        for (int t = 0; t < x.length; t++) {
            x[t] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * t / 8000.0));
        }
        LogMelExtractor ex = new LogMelExtractor(LogMelParams.kaldiFbank(16000, 40, 0));
        float[] viaResample = ex.extract(x, 8000);
        float[] direct = ex.extract(Resampler.resample(x, 8000, 16000), 16000);
        assertThat(viaResample).containsExactly(direct);
        // [frame][band]: a 440 Hz tone peaks in the same band in every frame
        int frames = viaResample.length / 40;
        int firstPeak = argmax(viaResample, 0, 40);
        for (int t = 1; t < frames - 1; t++) {
            assertThat(argmax(viaResample, t * 40, 40)).isEqualTo(firstPeak);
        }
    }

    private static int argmax(float[] a, int off, int len) {
        int best = 0;
        for (int i = 1; i < len; i++) {
            if (a[off + i] > a[off + best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void invalidParametersAreRejected() {
        assertThatThrownBy(() -> new LogMelParams(8000, 8000, 256, 128, 248, WindowFunction.HANN_PERIODIC, 32, 32,
                0, 4000, MelScale.HTK, MelFilterBank.Triangles.HZ, true, 1e-6, LogMelParams.FloorMode.ADD, 0, false,
                LogMelParams.Layout.BAND_MAJOR)).hasMessageContaining("n_fft (128) must be at least the frame length (256)");
        assertThatThrownBy(() -> new LogMelParams(8000, 8000, 256, 256, 248, WindowFunction.HANN_PERIODIC, 32, 32,
                0, 5000, MelScale.HTK, MelFilterBank.Triangles.HZ, true, 1e-6, LogMelParams.FloorMode.ADD, 0, false,
                LogMelParams.Layout.BAND_MAJOR)).hasMessageContaining("fmax ≤ sampleRate/2");
    }
}
