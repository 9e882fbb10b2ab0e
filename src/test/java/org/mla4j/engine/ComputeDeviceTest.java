package org.mla4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mla4j.engine.ComputeDevice.Choice;
import org.mla4j.io.InvalidInputException;

/**
 * {@code --device}: the decision from what the engine reports, on machines with and without a GPU
 * (simulated: this test runs on a CPU-only machine), and on this machine for real.
 */
class ComputeDeviceTest {
    @Test
    void cpuIsTheCpuWithoutAskingTheEngine() {
        AtomicInteger probes = new AtomicInteger();
        assertThat(ComputeDevice.choose(Choice.CPU, 4, true, () -> {
            probes.incrementAndGet();
            return null;
        })).isEqualTo(Device.cpu());
        assertThat(probes).hasValue(0);
    }

    @Test
    void aUsableGpuIsTakenByGpuAndAuto() {
        assertThat(ComputeDevice.choose(Choice.GPU, 1, true, () -> null)).isEqualTo(Device.gpu(0));
        assertThat(ComputeDevice.choose(Choice.AUTO, 2, true, () -> null)).isEqualTo(Device.gpu(0));
    }

    @Test
    void withoutAGpuAutoIsTheCpuAndGpuIsOneClearError() {
        assertThat(ComputeDevice.choose(Choice.AUTO, 0, false, () -> "never asked")).isEqualTo(Device.cpu());
        assertThatThrownBy(() -> ComputeDevice.choose(Choice.GPU, 0, false, () -> null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("--device gpu: no usable GPU here: the PyTorch natives loaded are the CPU build")
                .hasMessageContaining("docs/scale.md").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> ComputeDevice.choose(Choice.GPU, 0, true, () -> null))
                .hasMessageContaining("the engine sees no CUDA GPU");
    }

    @Test
    void aGpuThatCannotHoldAnArrayIsNotUsed() {
        String failure = "Could not run 'aten::empty_strided' with arguments from the 'CUDA' backend";
        assertThat(ComputeDevice.choose(Choice.AUTO, 1, true, () -> failure)).isEqualTo(Device.cpu());
        assertThatThrownBy(() -> ComputeDevice.choose(Choice.GPU, 1, true, () -> failure))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("gpu(0) (" + failure + ")");
    }

    @Test
    void choicesAreParsedAndBadOnesNamed() {
        assertThat(Choice.parse(" GPU ", "--device")).isEqualTo(Choice.GPU);
        assertThat(Choice.AUTO).hasToString("auto");
        assertThatThrownBy(() -> Choice.parse("cuda", "--device")).isInstanceOf(InvalidInputException.class)
                .hasMessage("--device must be cpu, gpu or auto, got 'cuda'");
    }

    @Test
    void onThisMachineAutoIsTheCpuAndGpuIsRefused() {
        String before = System.getProperty(ComputeDevice.PROPERTY);
        try {
            assertThat(ComputeDevice.select(Choice.AUTO)).isEqualTo(Device.cpu());
            assertThat(ComputeDevice.describe()).isEqualTo("cpu");
            assertThatThrownBy(() -> ComputeDevice.select(Choice.GPU)).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("--device gpu: no usable GPU here");
            // a child JVM is handed the resolved device or the choice
            System.setProperty(ComputeDevice.PROPERTY, "gpu1");
            assertThat(ComputeDevice.current()).isEqualTo(Device.gpu(1));
            System.setProperty(ComputeDevice.PROPERTY, "auto");
            assertThat(ComputeDevice.current()).isEqualTo(Device.cpu());
        } finally {
            if (before == null) {
                System.clearProperty(ComputeDevice.PROPERTY);
            } else {
                System.setProperty(ComputeDevice.PROPERTY, before);
            }
        }
    }
}
