package org.mla4j.data.raw.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MelFilterBankTest {

    @Test
    void htkMelScale() {
        assertThat(MelScale.HTK.hzToMel(0)).isEqualTo(0.0);
        assertThat(MelScale.HTK.hzToMel(700)).isCloseTo(2595 * Math.log10(2), within(1e-9)); // 781.17
        assertThat(MelScale.HTK.hzToMel(1000)).isCloseTo(999.98554, within(1e-5));
        assertThat(MelScale.KALDI.hzToMel(700)).isCloseTo(1127 * Math.log(2), within(1e-9));
        assertThat(MelScale.SLANEY.hzToMel(1000)).isCloseTo(15.0, within(1e-12));
        for (MelScale s : MelScale.values()) {
            for (double f : new double[] {0, 20, 440, 1000, 3999, 8000}) {
                assertThat(s.melToHz(s.hzToMel(f))).isCloseTo(f, within(1e-9));
            }
        }
    }

    @Test
    void avMnistBankEdgesAndWeights() {
        // 32 HTK filters over 0–4000 Hz, n_fft 256 at 8 kHz (bins 31.25 Hz apart)
        MelFilterBank bank = new LogMelExtractor(LogMelParams.avMnistFsdd()).filterBank();
        assertThat(bank.bands()).isEqualTo(32);
        assertThat(bank.numBins()).isEqualTo(129);
        double[] f = bank.edgesHz();
        assertThat(f).hasSize(34);
        assertThat(f[0]).isEqualTo(0.0);
        assertThat(f[33]).isCloseTo(4000.0, within(1e-9));
        // edges m_i = i·mel(4000)/33 = i·2146.0645/33
        assertThat(f[1]).isCloseTo(41.58107908, within(1e-6));
        assertThat(f[2]).isCloseTo(85.63213835, within(1e-6));
        assertThat(f[16]).isCloseTo(1062.25052533, within(1e-6));
        // filter 0: 0 → 41.58 → 85.63 Hz. bin 0 (0 Hz) is its left edge: weight 0
        assertThat(bank.weight(0, 0)).isEqualTo(0.0);
        assertThat(bank.weight(0, 1)).isCloseTo(31.25 / 41.58107908, within(1e-8));          // 0.75154
        assertThat(bank.weight(0, 2)).isCloseTo((85.63213835 - 62.5) / (85.63213835 - 41.58107908), within(1e-8)); // 0.52512
        assertThat(bank.weight(0, 3)).isEqualTo(0.0);
        // filter 15 peaks at f_16 = 1062.25 Hz; bin 34 = 1062.5 Hz sits just past the peak
        assertThat(bank.weight(15, 34)).isCloseTo(0.9976168, within(1e-7));
        assertThat(bank.weight(15, 30)).isEqualTo(0.0);
        assertThat(bank.weight(15, 38)).isEqualTo(0.0);
        // last filter reaches 0 at 4000 Hz = bin 128
        assertThat(bank.weight(31, 128)).isEqualTo(0.0);
        assertThat(bank.weight(31, 127)).isGreaterThan(0.0);
    }

    @Test
    void triangleLandsExactlyOnBinsWhenEdgesDo() {
        // One filter, n_fft 16 at 16 kHz: bins are 1000 Hz apart. With fmin = 1000, fmax = 5000
        // the peak is at hz((mel(1000) + mel(5000))/2).
        MelFilterBank bank = MelFilterBank.create(1, 16, 16000, 1000, 5000, MelScale.HTK, MelFilterBank.Triangles.HZ);
        double peak = bank.edgesHz()[1];
        double expectedPeak = 700 * (Math.pow(10, (MelScale.HTK.hzToMel(1000) + MelScale.HTK.hzToMel(5000)) / 2 / 2595) - 1);
        assertThat(peak).isCloseTo(expectedPeak, within(1e-9));
        assertThat(peak).isBetween(2000.0, 3000.0); // ≈ 2534.6 Hz
        assertThat(bank.weight(0, 1)).isEqualTo(0.0);                                    // 1000 Hz: left edge
        assertThat(bank.weight(0, 2)).isCloseTo((2000 - 1000) / (peak - 1000), within(1e-12));
        assertThat(bank.weight(0, 3)).isCloseTo((5000 - 3000) / (5000 - peak), within(1e-12));
        assertThat(bank.weight(0, 5)).isEqualTo(0.0);                                    // 5000 Hz: right edge
    }

    @Test
    void kaldiTrianglesAreLinearInMel() {
        MelFilterBank bank = MelFilterBank.create(1, 16, 16000, 1000, 5000, MelScale.KALDI, MelFilterBank.Triangles.MEL);
        double m0 = MelScale.KALDI.hzToMel(1000);
        double m2 = MelScale.KALDI.hzToMel(5000);
        double m1 = (m0 + m2) / 2;
        assertThat(bank.weight(0, 2)).isCloseTo((MelScale.KALDI.hzToMel(2000) - m0) / (m1 - m0), within(1e-12));
        assertThat(bank.weight(0, 3)).isCloseTo((m2 - MelScale.KALDI.hzToMel(3000)) / (m2 - m1), within(1e-12));
        assertThat(bank.weight(0, 1)).isEqualTo(0.0);
        assertThat(bank.weight(0, 5)).isEqualTo(0.0);
    }
}
