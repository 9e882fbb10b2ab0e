package org.mla4j.method.missing;

import java.util.List;
import org.mla4j.settings.Section;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import org.mla4j.settings.ValueTypes;

/**
 * AE's and CRA's options: the weight w of the reconstruction loss and CRA's number of residual blocks. The
 * loss is summed over the batch, so w's scale depends on the batch size. GCNet's README runs AE with 0.2 and
 * CRA with 0.8, its tuning scripts search {0.002, 0.003, 0.01} (AE) and {0.01, 0.02, 0.03} (CRA); the
 * defaults are the grid values with the best validation accuracy on av_mnist_fsdd at η = 0.3 (seed 0; the
 * README values let the reconstruction swamp the classification there: AE at 0.2 reached 54 % validation
 * accuracy against 90 % at 0.002). docs/methods.md lists the measurements.
 */
public record ImputerOptions(double reconstructionWeight, int blocks) {
    public static final Setting<Double> RECONSTRUCTION_WEIGHT = Setting.of(Section.OPTIONS, "recon_weight",
            ValueTypes.nonNegative(), 0.002, "AE/CRA: weight w of the reconstruction loss on the missing modalities.")
            .defaultFrom(v -> 0.002, "0.002 for ae, 0.02 for cra").label("W");
    public static final Setting<Double> CRA_RECONSTRUCTION_WEIGHT = RECONSTRUCTION_WEIGHT.withDefault(0.02);
    public static final Setting<Integer> BLOCKS = Setting.of(Section.OPTIONS, "cra_blocks", ValueTypes.integer(1), 2,
            "CRA: residual autoencoder blocks in the cascade.").label("N");

    public static final List<Setting<?>> AE_SETTINGS = List.of(RECONSTRUCTION_WEIGHT);
    public static final List<Setting<?>> CRA_SETTINGS = List.of(CRA_RECONSTRUCTION_WEIGHT, BLOCKS);

    public static ImputerOptions ae(SettingValues v) {
        return new ImputerOptions(v.get(RECONSTRUCTION_WEIGHT), 0);
    }

    public static ImputerOptions cra(SettingValues v) {
        return new ImputerOptions(v.get(CRA_RECONSTRUCTION_WEIGHT), v.get(BLOCKS));
    }
}
