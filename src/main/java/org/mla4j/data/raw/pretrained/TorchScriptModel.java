package org.mla4j.data.raw.pretrained;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mla4j.io.InvalidInputException;

/**
 * A TorchScript module ({@code torch.jit.trace}/{@code torch.jit.script}, saved with {@code .save})
 * on DJL's PyTorch engine, through DJL's engine-neutral API ({@link Model#newInstance(String, Device,
 * String)} with the engine named {@value #ENGINE}). TorchScript files declare no input shapes, so
 * {@link #inputs()} is empty and a wrong input shows up as the engine's error when the model runs.
 * Runs in inference mode; every run's arrays live in a sub-manager closed before returning.
 */
public final class TorchScriptModel implements FrozenModel {
    static final String ENGINE = "PyTorch";

    private final Path file;
    private final Model model;

    private TorchScriptModel(Path file, Model model) {
        this.file = file;
        this.model = model;
    }

    public static TorchScriptModel load(Path file) {
        Model model = Model.newInstance(file.getFileName().toString(), Device.cpu(), ENGINE);
        try (InputStream in = Files.newInputStream(file)) {
            model.load(in, Map.of());
            return new TorchScriptModel(file, model);
        } catch (IOException e) {
            model.close();
            throw InvalidInputException.inFile(file, "cannot be read (" + e.getMessage() + ")");
        } catch (MalformedModelException | EngineException e) {
            model.close();
            throw InvalidInputException.inFile(file, "is not a readable TorchScript model (PyTorch: "
                    + FrozenModel.oneLine(e) + ")");
        }
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public Format format() {
        return Format.TORCHSCRIPT;
    }

    @Override
    public List<TensorSpec> inputs() {
        return List.of();
    }

    @Override
    public List<HostTensor> run(List<HostTensor> inputs) {
        try (NDManager sub = model.getNDManager().newSubManager()) {
            NDList in = new NDList();
            for (HostTensor t : inputs) {
                in.add(t.isFloat() ? sub.create(t.floats(), new Shape(t.shape())) : sub.create(t.longs(), new Shape(t.shape())));
            }
            NDList out;
            try {
                out = model.getBlock().forward(new ParameterStore(sub, false), in, false);
            } catch (EngineException e) {
                List<String> given = inputs.stream().map(HostTensor::describe).toList();
                throw InvalidInputException.inFile(file, "cannot run on inputs " + given + " (PyTorch: "
                        + FrozenModel.oneLine(e) + ")");
            }
            List<HostTensor> result = new ArrayList<>();
            for (int i = 0; i < out.size(); i++) {
                NDArray a = out.get(i);
                if (a.getDataType() != DataType.FLOAT32) {
                    throw InvalidInputException.inFile(file, "output " + i + " is " + a.getDataType() + " "
                            + a.getShape() + "; features must be float32 tensors");
                }
                result.add(HostTensor.ofFloats(a.toFloatArray(), a.getShape().getShape()));
            }
            return result;
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
