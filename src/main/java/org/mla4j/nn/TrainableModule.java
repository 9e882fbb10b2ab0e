package org.mla4j.nn;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.mla4j.data.Modality;
import org.mla4j.data.PretrainedModule;
import org.mla4j.data.raw.pretrained.FrozenModel;
import org.mla4j.io.InvalidInputException;

/**
 * The encoder of a modality that fine-tunes a pretrained TorchScript module (encoder type
 * {@code pretrained}): {@code h(x) = W · flatten(module(reshape(x))) + b}, where {@code reshape} turns
 * the flat rows (n × dim) into the modality's shape (n, ...S), {@code flatten} the module's first
 * output (n, ...O) into (n, ∏O), and the linear layer (PyTorch's default initialisation) maps that to
 * the shared feature size. The module's parameters and the linear layer's are one block, so they are
 * one parameter group: MLA updates them on the modality's turns, the other methods as they update any
 * encoder. The module is loaded through DJL's engine-neutral {@link Model} API from the file the
 * modality names, after checking its SHA-256; trained weights come from model files, not from it.
 *
 * <p>The module runs in training mode (and with gradients) while training and in eval mode for
 * predictions. Its buffers (batch-norm running statistics) are not parameters: nothing could save
 * them, so a module whose training-mode forward changes them is refused when it is loaded (a probe:
 * eval output, one training-mode forward, eval output again, bit for bit). A module traced in eval
 * mode ({@code model.eval(); torch.jit.trace(...)}) has its batch norms' statistics and dropout fixed
 * in the trace and passes.
 *
 * <p>DJL's TorchScript graph optimiser is switched off for the process when the first such module is
 * loaded: its plans, specialised while the module ran with gradients, fail once the same module runs
 * for prediction (PyTorch: "Inference tensors cannot be saved for backward").
 */
public final class TrainableModule extends AbstractBlock {
    static final String ENGINE = "PyTorch";
    private static final String GRAPH_OPTIMIZER = "ai.djl.pytorch.graph_optimizer";

    private final Block module;
    private final Block linear;
    private final int[] shape;
    private final int moduleOutputs;
    private final int width;

    private TrainableModule(Block module, int[] shape, int moduleOutputs, int width) {
        this.module = addChildBlock("module", module);
        this.linear = addChildBlock("linear", TorchInit.linear(moduleOutputs, width));
        this.shape = shape.clone();
        this.moduleOutputs = moduleOutputs;
        this.width = width;
    }

    /**
     * Loads {@code modality}'s module and builds the encoder, initialised, its lifetime tied to
     * {@code manager} (closing the manager frees the module).
     *
     * @throws InvalidInputException naming the file: missing, changed, unreadable, unable to take the
     *                               modality's rows, or changing its own state in training mode
     */
    public static TrainableModule load(Modality modality, int width, NDManager manager) {
        PretrainedModule ref = modality.pretrained();
        String context = "modality '" + modality.name() + "'";
        byte[] bytes = ref.read(context);
        System.setProperty(GRAPH_OPTIMIZER, "false");
        Model model = Model.newInstance(ref.path().getFileName().toString(), Device.cpu(), ENGINE);
        try {
            model.load(new ByteArrayInputStream(bytes), Map.of());
        } catch (IOException | MalformedModelException | EngineException e) {
            model.close();
            throw new InvalidInputException(ref.file() + ": the module of " + context + " is not a readable TorchScript"
                    + " file (PyTorch: " + FrozenModel.oneLine(e) + ")");
        }
        manager.attachInternal("trainable-module-" + UUID.randomUUID(), model);
        Block module = model.getBlock();
        module.freezeParameters(false); // DJL loads TorchScript parameters frozen
        int[] shape = modality.shapeArray();
        int outputs = probe(module, shape, ref.file(), context, manager);
        TrainableModule block = new TrainableModule(module, shape, outputs, width);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, modality.dim()));
        return block;
    }

    /**
     * Runs the module on two fixed inputs of the modality's shape: returns its output size per sample
     * and refuses a module whose eval output changes after a training-mode forward.
     */
    private static int probe(Block module, int[] shape, String file, String context, NDManager parent) {
        try (NDManager probe = parent.newSubManager()) {
            ParameterStore store = new ParameterStore(probe, false);
            NDArray p = probe.arange(0f, (float) (2 * volume(shape))).sin().reshape(batchShape(2, shape));
            NDArray q = probe.arange(0f, (float) (2 * volume(shape))).cos().reshape(batchShape(2, shape));
            NDArray before = run(module, store, p, false, file, context);
            long[] s = before.getShape().getShape();
            if (s.length < 1 || s[0] != 2) {
                throw new InvalidInputException(file + ": the module of " + context + " returns shape "
                        + Arrays.toString(s) + " for a batch of 2 inputs " + batchShape(2, shape) + "; expected the batch first");
            }
            long outputs = before.size() / 2;
            if (outputs < 1 || outputs > Integer.MAX_VALUE / 64) {
                throw new InvalidInputException(file + ": the module of " + context + " gives " + outputs
                        + " features per sample; expected between 1 and " + Integer.MAX_VALUE / 64);
            }
            run(module, store, q, true, file, context);
            NDArray after = run(module, store, p, false, file, context);
            if (!Arrays.equals(before.toFloatArray(), after.toFloatArray())) {
                throw new InvalidInputException(file + ": the module of " + context + " changes its own state when it"
                        + " runs in training mode (batch-norm running statistics, which model files cannot hold);"
                        + " trace it in eval mode (model.eval(); torch.jit.trace(model, x)) to fine-tune it");
            }
            return (int) outputs;
        }
    }

    private static NDArray run(Block module, ParameterStore store, NDArray x, boolean training, String file,
                               String context) {
        NDList out;
        try {
            out = module.forward(store, new NDList(x), training);
        } catch (EngineException e) {
            throw new InvalidInputException(file + ": the module of " + context + " cannot run on inputs float32 "
                    + x.getShape() + " (PyTorch: " + FrozenModel.oneLine(e) + ")");
        }
        if (out.isEmpty() || out.get(0).getDataType() != DataType.FLOAT32) {
            throw new InvalidInputException(file + ": the module of " + context + " must return a float32 tensor first");
        }
        return out.get(0);
    }

    private static long volume(int[] shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    private static Shape batchShape(long n, int[] shape) {
        long[] s = new long[shape.length + 1];
        s[0] = n;
        for (int i = 0; i < shape.length; i++) {
            s[i + 1] = shape[i];
        }
        return new Shape(s);
    }

    /** Size of the module's flattened output per sample (the linear layer's input). */
    public int moduleOutputs() {
        return moduleOutputs;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray y = module.forward(store, new NDList(x.reshape(batchShape(-1, shape))), training).get(0);
        NDArray flat = y.reshape(new Shape(y.getShape().get(0), moduleOutputs));
        return linear.forward(store, new NDList(flat), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), width)};
    }

    /** Only the linear layer needs initialising: the module came with its weights. */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        linear.initialize(manager, dataType, new Shape(1, moduleOutputs));
    }
}
