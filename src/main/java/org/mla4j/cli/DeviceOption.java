package org.mla4j.cli;

import org.mla4j.engine.ComputeDevice;
import picocli.CommandLine.Option;

/**
 * {@code --device cpu|gpu|auto} of every command that trains or predicts (a picocli mixin): where the
 * engine computes. Not a run setting — it is recorded in each run's provenance, and on the CPU the
 * bits are the same whatever is chosen.
 */
final class DeviceOption {
    @Option(names = "--device", defaultValue = "auto", paramLabel = "cpu|gpu|auto",
            description = "Where the engine computes: cpu, gpu (the first CUDA GPU; an error if none is usable) or "
                    + "auto (the GPU if one is usable, else the CPU) (default: ${DEFAULT-VALUE}). Recorded in each "
                    + "run's provenance; mla4j's default build has the CPU natives only (docs/scale.md).")
    String device;

    ComputeDevice.Choice choice() {
        return ComputeDevice.Choice.parse(device, "--device");
    }

    /** Resolves the choice on this machine and makes it this process's device. */
    void apply() {
        ComputeDevice.select(choice());
    }
}
