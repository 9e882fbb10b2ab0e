package org.mla4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.mla4j.method.mla.HeadGradientProjector;

/**
 * Times one HGM update as MLA performs it at a turn: the P update with a feature mean plus the
 * projection of a C×d head gradient. Median over repetitions after a warm-up, in microseconds.
 */
public final class HgmCost {
    private HgmCost() {
    }

    public static double medianMicros(int featureSize, int numClasses, int repetitions) {
        try (NDManager manager = NDManager.newBaseManager();
             HeadGradientProjector hgm = new HeadGradientProjector(manager, featureSize, 1.0)) {
            NDArray mean = manager.randomUniform(0f, 1f, new Shape(featureSize));
            NDArray gradient = manager.randomNormal(new Shape(numClasses, featureSize));
            double[] micros = new double[repetitions];
            for (int r = -repetitions / 5; r < repetitions; r++) {
                long t0 = System.nanoTime();
                try (NDManager step = manager.newSubManager()) {
                    step.tempAttachAll(gradient);
                    hgm.update(mean);
                    NDArray projected = hgm.project(gradient);
                    projected.toType(projected.getDataType(), false); // no sync needed: CPU ops run eagerly
                }
                if (r >= 0) {
                    micros[r] = (System.nanoTime() - t0) / 1e3;
                }
            }
            Arrays.sort(micros);
            return micros[repetitions / 2];
        }
    }
}
