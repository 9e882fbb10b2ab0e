/**
 * Frozen pretrained encoders read from files: {@link org.mla4j.data.raw.pretrained.FrozenModel}
 * ({@code .onnx} on ONNX Runtime, {@code .pt} TorchScript on DJL's PyTorch engine through DJL's
 * engine-neutral API), {@link org.mla4j.data.raw.pretrained.HostTensor} (what goes in and out), and
 * {@link org.mla4j.data.raw.pretrained.PretrainedEncoder} (a model applied in batches to a
 * modality's preprocessed rows, with the shape checks and their messages).
 */
package org.mla4j.data.raw.pretrained;
