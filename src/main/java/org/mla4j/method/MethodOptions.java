package org.mla4j.method;

import org.mla4j.method.baseline.BiGated;
import org.mla4j.method.mla.HgmFeatures;
import org.mla4j.method.shared.FusionMode;

/**
 * Every method-specific setting, with the defaults of the spec. A method reads the fields that
 * concern it; the whole record is written to a run's config so each run can be regenerated.
 *
 * @param hgm             MLA: head gradient modification on/off
 * @param hgmAlpha        MLA: HGM's α (> 0)
 * @param hgmFeatures     MLA: which feature mean updates P
 * @param fusion          MLA and late fusion: test-time fusion of unimodal logits
 * @param conditionModality FiLM and BiGated: the conditioning / gating modality (null: the first)
 * @param ogmAlpha        OGM-GE: modulation strength α
 * @param ogmStartEpoch   OGM-GE: first epoch with modulation
 * @param ogmEndEpoch     OGM-GE: last epoch with modulation (−1: until the end)
 * @param qmfTemperature  QMF: energy temperature T of the confidence logsumexp(f)/T
 * @param qmfRankingWeight QMF: weight λ of the ranking loss
 */
public record MethodOptions(boolean hgm, double hgmAlpha, HgmFeatures hgmFeatures, FusionMode fusion,
                            String conditionModality, double ogmAlpha, int ogmStartEpoch, int ogmEndEpoch,
                            double qmfTemperature, double qmfRankingWeight) {

    public static final MethodOptions DEFAULT = new MethodOptions(true, 1.0, HgmFeatures.PREVIOUS, FusionMode.DYNAMIC,
            null, 0.5, 0, -1, 10.0, 0.1);

    public MethodOptions {
        if (!(hgmAlpha > 0) || Double.isInfinite(hgmAlpha)) {
            throw new IllegalArgumentException("HGM alpha must be a positive number, got " + hgmAlpha);
        }
        if (!(qmfTemperature > 0)) {
            throw new IllegalArgumentException("QMF temperature must be positive, got " + qmfTemperature);
        }
    }

    public MethodOptions withHgm(boolean on) {
        return new MethodOptions(on, hgmAlpha, hgmFeatures, fusion, conditionModality, ogmAlpha, ogmStartEpoch,
                ogmEndEpoch, qmfTemperature, qmfRankingWeight);
    }

    public MethodOptions withFusion(FusionMode mode) {
        return new MethodOptions(hgm, hgmAlpha, hgmFeatures, mode, conditionModality, ogmAlpha, ogmStartEpoch,
                ogmEndEpoch, qmfTemperature, qmfRankingWeight);
    }
}
