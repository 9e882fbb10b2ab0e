/**
 * Raw datasets: media files listed in an index, turned into fixed-length feature rows.
 * <ul>
 *   <li>Layout ({@code docs/data-format.md}): {@link org.mla4j.data.raw.RawManifest} ({@code manifest.json}
 *       with {@code "format": "raw"}), {@link org.mla4j.data.raw.CsvTable} ({@code index.csv}),
 *       {@link org.mla4j.data.raw.RawTable} (the index resolved: labels, splits, safe paths, empty cells
 *       = absent).</li>
 *   <li>Per-modality recipes ({@link org.mla4j.data.raw.FeatureRecipe}, chosen by
 *       {@link org.mla4j.data.raw.MediaKind}): {@link org.mla4j.data.raw.AudioRecipe} (log-mel),
 *       {@link org.mla4j.data.raw.ImageRecipe}, {@link org.mla4j.data.raw.VideoRecipe} (frame lists
 *       pooled over time), {@link org.mla4j.data.raw.VectorRecipe} (per-sample {@code .npy}),
 *       {@link org.mla4j.data.raw.TextRecipe} (text in the index or in files → sentence vectors); any
 *       non-text kind through a frozen model file, {@link org.mla4j.data.raw.PretrainedRecipe}. Recipes
 *       that run a network are {@link org.mla4j.data.raw.BatchedRecipe}s, encoded in batches.</li>
 *   <li>{@link org.mla4j.data.raw.FeatureExtraction} (parallel decoding and the content checksum),
 *       {@link org.mla4j.data.raw.RawExtractor} / {@link org.mla4j.data.raw.ExtractedDataset} (the
 *       features as a dataset, written in the {@code .npy} layout), {@link org.mla4j.data.raw.FeatureCache}
 *       and {@link org.mla4j.data.raw.RawDatasetLoader} (what {@code DatasetLoader.load} calls for raw
 *       manifests).</li>
 *   <li>{@link org.mla4j.data.raw.audio}: WAV decoding, resampling, log-mel features
 *       ({@code LogMelParams.avMnistFsdd()} reproduces {@code av_mnist_fsdd/audio_logmel_1024.npy};
 *       {@code LogMelParams.kaldiFbank()} is Kaldi fbank as AST-style models use it)</li>
 *   <li>{@link org.mla4j.data.raw.text}: the bundled sentence encoder all-MiniLM-L6-v2 and its
 *       tokenizer; {@link org.mla4j.data.raw.pretrained}: ONNX and TorchScript model files.</li>
 *   <li>{@link org.mla4j.data.raw.image}: PNG/JPEG decoding to C × H × W vectors
 *       ({@code ImageParams.mnist()} reproduces {@code av_mnist_fsdd/image_mnist_784.npy})</li>
 *   <li>{@link org.mla4j.data.raw.RawIndex}: the av_mnist_fsdd index as used by the parity check.</li>
 * </ul>
 */
package org.mla4j.data.raw;
