package org.mla4j.data.raw.pretrained;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.mla4j.io.InvalidInputException;

/**
 * A pretrained network loaded from a file for inference only: its weights never change. Two formats,
 * told apart by the file name: {@code .onnx} runs on ONNX Runtime ({@link OnnxModel}), {@code .pt}
 * (TorchScript, e.g. from {@code torch.jit.trace(model, x).save("x.pt")}) on DJL's PyTorch engine
 * ({@link TorchScriptModel}).
 *
 * <p>Every problem (unreadable or corrupt file, inputs the network cannot take) is an
 * {@link InvalidInputException} naming the file. Instances are not thread-safe; close them to free
 * the native memory.
 */
public interface FrozenModel extends AutoCloseable {

    /** The format of a model file. */
    enum Format {
        ONNX, TORCHSCRIPT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where the model was read from (named in messages). */
    Path file();

    Format format();

    /** The declared inputs in the order {@link #run} takes them; empty when the format declares none (TorchScript). */
    List<TensorSpec> inputs();

    /**
     * Runs the network on one batch.
     *
     * @param inputs one tensor per input, in order
     * @return the outputs, in the model's order (only float32 outputs are returned; others are an error)
     */
    List<HostTensor> run(List<HostTensor> inputs);

    @Override
    void close();

    /** The format of a file name: {@code .onnx} or {@code .pt}; {@code where} (e.g. a manifest key) is named when neither. */
    static Format formatOf(Path file, String where) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".onnx")) {
            return Format.ONNX;
        }
        if (name.endsWith(".pt")) {
            return Format.TORCHSCRIPT;
        }
        throw new InvalidInputException(file + ": a pretrained model must be an ONNX file (.onnx) or a TorchScript file"
                + " (.pt) (" + where + ")");
    }

    /**
     * Loads a model file.
     *
     * @param threads intra-op threads (ONNX Runtime); TorchScript runs on the PyTorch engine's threads
     *                ({@code -Dai.djl.pytorch.num_threads})
     */
    static FrozenModel open(Path file, String where, int threads) {
        Format format = formatOf(file, where);
        if (!Files.isRegularFile(file)) {
            throw InvalidInputException.inFile(file, "pretrained model file not found (" + where + ")");
        }
        return format == Format.ONNX ? OnnxModel.load(file, threads) : TorchScriptModel.load(file);
    }

    /**
     * An engine's message in one line (they can run to pages): the last line that names an error
     * ({@code RuntimeError: …}, as TorchScript tracebacks end), else the first line; no trailing period.
     */
    static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
        String[] lines = m.split("\\R");
        String pick = lines[0].strip();
        for (String line : lines) {
            if (line.matches("^[A-Za-z]*Error: .*")) {
                pick = line.strip();
            }
        }
        return pick.endsWith(".") ? pick.substring(0, pick.length() - 1) : pick;
    }
}
