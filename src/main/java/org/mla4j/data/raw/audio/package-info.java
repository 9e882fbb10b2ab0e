/**
 * Audio: {@link org.mla4j.data.raw.audio.WavReader} (RIFF/WAVE → mono floats),
 * {@link org.mla4j.data.raw.audio.Resampler} (windowed sinc), {@link org.mla4j.data.raw.audio.Fft},
 * {@link org.mla4j.data.raw.audio.WindowFunction}, {@link org.mla4j.data.raw.audio.MelScale},
 * {@link org.mla4j.data.raw.audio.MelFilterBank}, {@link org.mla4j.data.raw.audio.LogMelParams} /
 * {@link org.mla4j.data.raw.audio.LogMelExtractor} (the feature recipe and its computation) and
 * {@link org.mla4j.data.raw.LogMelParity} (value-by-value check against a reference {@code .npy}).
 */
package org.mla4j.data.raw.audio;

import org.mla4j.data.raw.LogMelParity;
