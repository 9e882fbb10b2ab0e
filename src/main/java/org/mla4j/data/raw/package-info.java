/**
 * Raw-input feature pipeline: turns media files listed in an {@code index.csv}
 * ({@link org.mla4j.data.raw.RawIndex}) into fixed-length float vectors.
 * <ul>
 *   <li>{@link org.mla4j.data.raw.audio}: WAV decoding, resampling, log-mel features
 *       ({@code LogMelParams.avMnistFsdd()} reproduces {@code av_mnist_fsdd/audio_logmel_1024.npy};
 *       {@code LogMelParams.kaldiFbank()} is Kaldi fbank as AST-style models use it)</li>
 *   <li>{@link org.mla4j.data.raw.image}: PNG/JPEG decoding to C × H × W vectors
 *       ({@code ImageParams.mnist()} reproduces {@code av_mnist_fsdd/image_mnist_784.npy})</li>
 * </ul>
 */
package org.mla4j.data.raw;
