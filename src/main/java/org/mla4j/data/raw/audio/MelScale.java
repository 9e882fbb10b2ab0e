package org.mla4j.data.raw.audio;

/**
 * Hz ↔ mel conversions.
 * <ul>
 *   <li>{@link #HTK}: {@code mel(f) = 2595·log10(1 + f/700)}, {@code f(m) = 700·(10^(m/2595) − 1)}.
 *       Kaldi's {@code 1127·ln(1 + f/700)} is the same scale (2595/ln 10 = 1127.01…; Kaldi rounds
 *       the constant to 1127, see {@link #KALDI}).</li>
 *   <li>{@link #KALDI}: {@code mel(f) = 1127·ln(1 + f/700)}, {@code f(m) = 700·(exp(m/1127) − 1)}.</li>
 *   <li>{@link #SLANEY}: linear below 1000 Hz ({@code mel = 3f/200}), logarithmic above
 *       ({@code mel = 15 + ln(f/1000)·27/ln 6.4}); librosa's default ({@code htk=False}).</li>
 * </ul>
 */
public enum MelScale {
    HTK, KALDI, SLANEY;

    private static final double SLANEY_F_SP = 200.0 / 3;
    private static final double SLANEY_MIN_LOG_HZ = 1000.0;
    private static final double SLANEY_MIN_LOG_MEL = SLANEY_MIN_LOG_HZ / SLANEY_F_SP;
    private static final double SLANEY_LOG_STEP = Math.log(6.4) / 27.0;

    public double hzToMel(double hz) {
        return switch (this) {
            case HTK -> 2595.0 * Math.log10(1.0 + hz / 700.0);
            case KALDI -> 1127.0 * Math.log(1.0 + hz / 700.0);
            case SLANEY -> hz < SLANEY_MIN_LOG_HZ ? hz / SLANEY_F_SP
                    : SLANEY_MIN_LOG_MEL + Math.log(hz / SLANEY_MIN_LOG_HZ) / SLANEY_LOG_STEP;
        };
    }

    public double melToHz(double mel) {
        return switch (this) {
            case HTK -> 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
            case KALDI -> 700.0 * (Math.exp(mel / 1127.0) - 1.0);
            case SLANEY -> mel < SLANEY_MIN_LOG_MEL ? mel * SLANEY_F_SP
                    : SLANEY_MIN_LOG_HZ * Math.exp(SLANEY_LOG_STEP * (mel - SLANEY_MIN_LOG_MEL));
        };
    }
}
