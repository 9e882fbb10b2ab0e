package org.mla4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/** Views of engine memory: only a tensor's own memory, never a copy a loop would update in vain. */
class EngineMemoryTest {
    @Test
    void aContiguousTensorIsViewedInPlace() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.arange(12f).reshape(3, 4);
            FloatBuffer view = EngineMemory.alias((PtNDArray) x);
            assertThat(view).isNotNull();
            assertThat(view.capacity()).isEqualTo(12);
            assertThat(view.get(5)).isEqualTo(5f);
            view.put(5, -1f);
            assertThat(x.toFloatArray()[5]).as("written through the view").isEqualTo(-1f);
        }
    }

    @Test
    void stridedAndNonFloatTensorsHaveNoView() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.arange(12f).reshape(3, 4);
            assertThat(EngineMemory.alias((PtNDArray) x.transpose())).as("transposed").isNull();
            assertThat(EngineMemory.alias((PtNDArray) x.get(":, 1:3"))).as("column slice").isNull();
            assertThat(EngineMemory.alias((PtNDArray) manager.arange(4))).as("int32").isNull();
        }
    }
}
