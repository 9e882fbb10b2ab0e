package org.mla4j.method.mla;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mla4j.method.shared.FusionMode;
import org.mla4j.settings.SettingValues;

/** The paper's configuration is one option away, and a value given for an option beats its preset. */
class MlaPresetTest {

    @Test
    void paperPresetIsThePapersConfiguration() {
        MlaOptions paper = MlaOptions.from(SettingValues.NONE.with(MlaOptions.PRESET, MlaPreset.PAPER));
        assertThat(paper).isEqualTo(MlaOptions.PAPER);
        assertThat(paper.hgm()).isTrue();
        assertThat(paper.hgmAlpha()).isEqualTo(1.0);
        assertThat(paper.hgmFeatures()).isEqualTo(HgmFeatures.PREVIOUS);
        assertThat(paper.hgmForgetting()).isEqualTo(1.0);
        assertThat(paper.hgmLeak()).isEqualTo(0.0);
        assertThat(paper.hgmReset()).isFalse();
        assertThat(paper.hgmAlphaNorm()).isFalse();
        assertThat(paper.turnOrder()).isEqualTo(TurnOrder.DATASET);
        assertThat(paper.fusion()).isEqualTo(FusionMode.DYNAMIC);
        assertThat(paper.fusionCalibration()).isEqualTo(FusionCalibration.NONE);
        assertThat(paper.fusionSelect()).isFalse();
        assertThat(paper.readsValidation()).isFalse();
        // the shorthand constructor used by tests is the paper's rule with HGM and fusion as given
        assertThat(new MlaOptions(true, 1.0, HgmFeatures.PREVIOUS, FusionMode.DYNAMIC)).isEqualTo(paper);
    }

    @Test
    void recommendedPresetIsTheDefault() {
        MlaOptions r = MlaOptions.DEFAULT;
        assertThat(r.preset()).isEqualTo(MlaPreset.RECOMMENDED);
        assertThat(r).isEqualTo(new MlaOptions(MlaPreset.RECOMMENDED, true, 1.0, HgmFeatures.PREVIOUS, 1.0, 0.01, false,
                false, TurnOrder.DATASET, FusionMode.MEAN, FusionCalibration.TEMPERATURE, false));
        assertThat(r.readsValidation()).isTrue();
    }

    @Test
    void givenValuesOverrideThePreset() {
        MlaOptions o = MlaOptions.from(SettingValues.NONE.with(MlaOptions.PRESET, MlaPreset.PAPER)
                .with(MlaOptions.HGM, false).with(MlaOptions.FUSION_SELECT, true));
        assertThat(o.hgm()).isFalse();
        assertThat(o.fusionSelect()).isTrue();
        assertThat(o.fusionCalibration()).isEqualTo(FusionCalibration.NONE);
        MlaOptions r = MlaOptions.from(SettingValues.NONE.with(MlaOptions.HGM_FORGETTING, 0.5));
        assertThat(r.preset()).isEqualTo(MlaPreset.RECOMMENDED);
        assertThat(r.hgmForgetting()).isEqualTo(0.5);
    }

    @Test
    void helpNamesThePapersValueWhereThePresetsDiffer() {
        for (var s : MlaOptions.SETTINGS) {
            Object recommended = SettingValues.NONE.get(s);
            Object paper = SettingValues.NONE.with(MlaOptions.PRESET, MlaPreset.PAPER).get(s);
            if (s != MlaOptions.PRESET && !recommended.equals(paper)) {
                assertThat(s.defaultDescription()).as(s.path()).contains("--preset paper");
            }
        }
    }
}
