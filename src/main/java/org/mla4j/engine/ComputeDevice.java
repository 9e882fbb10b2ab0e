package org.mla4j.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.function.Supplier;
import org.mla4j.io.InvalidInputException;

/**
 * The device training and prediction run on ({@code --device cpu|gpu|auto}), a setting of the
 * process like its engine thread count: the CLI selects it once, child JVMs get it as the system
 * property {@value #PROPERTY}, and every run records it in its provenance. It is not a run setting:
 * on the CPU the bits are those of a run without it.
 *
 * <p>{@code gpu} needs a GPU the engine can use: the engine must report at least one
 * ({@code Engine.getGpuCount()}, which is 0 unless the loaded PyTorch natives are a CUDA build and a
 * CUDA device is present) and a one-element array must be creatable on it. That second check matters
 * because DJL accepts a manager on a GPU it cannot use and fails only at the first array, with a
 * multi-kilobyte dispatcher message. {@code auto} is the GPU when both checks pass, else the CPU.
 * Without a selection (a library caller), the engine's default device is used, as before.
 */
public final class ComputeDevice {
    /** System property holding the choice ({@code cpu}, {@code gpu}, {@code auto}) or the resolved device ({@code gpu0}). */
    public static final String PROPERTY = "mla4j.device";

    /** What {@code --device} accepts. */
    public enum Choice {
        CPU, GPU, AUTO;

        public static Choice parse(String value, String option) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(option + " must be cpu, gpu or auto, got '" + value + "'");
            }
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static volatile Device resolved;
    private static volatile String resolvedFrom;

    private ComputeDevice() {
    }

    /**
     * Resolves {@code choice} on this machine and makes it this process's device.
     *
     * @throws InvalidInputException for {@code gpu} when no GPU is usable (one sentence saying why)
     */
    public static Device select(Choice choice) {
        Device device = resolve(choice);
        String name = name(device);
        System.setProperty(PROPERTY, name);
        resolved = device;
        resolvedFrom = name;
        return device;
    }

    /** The device of this process: as selected (or as the parent passed it), else the engine's default. */
    public static Device current() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return Engine.getInstance().defaultDevice();
        }
        if (value.equals(resolvedFrom) && resolved != null) {
            return resolved;
        }
        Device device = value.startsWith("gpu") && value.length() > 3
                ? Device.gpu(Integer.parseInt(value.substring(3))) : resolve(Choice.parse(value, PROPERTY));
        resolved = device;
        resolvedFrom = value;
        return device;
    }

    /** The current device for provenance: {@code cpu} or {@code gpu0}. */
    public static String describe() {
        return name(current());
    }

    /** {@code cpu}, or {@code gpu} followed by the device id. */
    static String name(Device device) {
        return device.isGpu() ? "gpu" + device.getDeviceId() : "cpu";
    }

    static Device resolve(Choice choice) {
        if (choice == Choice.CPU) {
            return Device.cpu();
        }
        Engine engine = Engine.getInstance();
        return choose(choice, engine.getGpuCount(), engine.hasCapability("CUDA"), ComputeDevice::tryFirstGpu);
    }

    /**
     * The decision, apart from the engine (tested on machines without a GPU).
     *
     * @param gpus       GPUs the engine reports
     * @param cudaNatives whether the loaded PyTorch natives are a CUDA build
     * @param tryGpu     creates a one-element array on gpu(0): null when that worked, else why not
     */
    static Device choose(Choice choice, int gpus, boolean cudaNatives, Supplier<String> tryGpu) {
        if (choice == Choice.CPU) {
            return Device.cpu();
        }
        String failure = gpus > 0 ? tryGpu.get() : null;
        if (gpus > 0 && failure == null) {
            return Device.gpu(0);
        }
        if (choice == Choice.AUTO) {
            return Device.cpu();
        }
        String why = gpus == 0
                ? cudaNatives ? "the engine sees no CUDA GPU" : "the PyTorch natives loaded are the CPU build, which sees no GPU"
                : "an array could not be created on gpu(0) (" + failure + ")";
        throw new InvalidInputException("--device gpu: no usable GPU here: " + why
                + "; use --device cpu or auto, and see docs/scale.md for the CUDA natives a GPU needs");
    }

    /** Null when a one-element array can be made on gpu(0), else the first line of the engine's complaint. */
    private static String tryFirstGpu() {
        try (NDManager manager = NDManager.newBaseManager(Device.gpu(0))) {
            manager.zeros(new Shape(1)).toFloatArray();
            return null;
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            String first = message.lines().findFirst().orElse(message).trim();
            return first.length() > 160 ? first.substring(0, 160) + "…" : first;
        }
    }
}
