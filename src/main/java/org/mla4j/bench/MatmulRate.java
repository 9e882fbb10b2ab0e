package org.mla4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The engine's measured float32 matrix-multiply rate for the shapes MLA's MLP layers use
 * (batch 64 × 1024 inputs → 128 units), in GFLOP/s: the yardstick for the arithmetic floor.
 */
public final class MatmulRate {
    private MatmulRate() {
    }

    public static double gflops(int rows, int inner, int cols, int repetitions) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.randomNormal(new Shape(rows, inner));
            NDArray b = manager.randomNormal(new Shape(inner, cols));
            for (int i = 0; i < repetitions / 5; i++) {
                try (NDArray c = a.matMul(b)) {
                    c.getShape();
                }
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < repetitions; i++) {
                try (NDArray c = a.matMul(b)) {
                    c.getShape();
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return 2.0 * rows * inner * cols * repetitions / seconds / 1e9;
        }
    }
}
