package org.mla4j.data.raw.audio;

/**
 * Decoded audio, mixed down to mono.
 *
 * @param samples       mono samples, nominally in [-1, 1): the mean over channels of each
 *                      normalised sample (see {@link WavReader})
 * @param sampleRate    frames per second declared by the file
 * @param channels      number of channels in the file (before mixing down)
 * @param bitsPerSample container bits per sample (8, 16, 24, 32 or 64)
 * @param encoding      "PCM" or "IEEE float"
 */
public record WavAudio(float[] samples, int sampleRate, int channels, int bitsPerSample, String encoding) {
    /** Duration in seconds. */
    public double seconds() {
        return (double) samples.length / sampleRate;
    }
}
