package org.mla4j.bench;

import java.util.List;
import org.mla4j.data.Modality;
import org.mla4j.nn.EncoderSpec;

/**
 * Floating-point work of one MLA training epoch with MLP encoders, counted from the layer sizes:
 * per sample and modality, a forward pass costs 2·Σ(in·out) over the encoder's layers and the head,
 * and its backward pass about twice that (gradients for weights and for inputs), so ≈ 6·Σ(in·out).
 * Divided by the measured matrix-multiply rate, it is the time an epoch cannot go below.
 */
public final class ArithmeticFloor {
    private ArithmeticFloor() {
    }

    /** FLOPs per sample for one pass over every modality (MLA, Late and joint methods alike). */
    public static double flopsPerSample(List<Modality> modalities, EncoderSpec encoder, int numClasses) {
        double macs = 0;
        for (Modality m : modalities) {
            int in = m.dim();
            for (int layer = 0; layer < encoder.layers(); layer++) {
                macs += (double) in * encoder.width();
                in = encoder.width();
            }
            macs += (double) encoder.width() * numClasses;
        }
        return 6 * macs;
    }
}
