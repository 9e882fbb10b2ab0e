package org.mla4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mla4j.engine.OptimizerSpec;
import org.mla4j.io.InvalidInputException;
import org.mla4j.settings.SettingValues;

/** The optimiser, clipping and learning-rate settings reach the loop's configuration. */
class TrainSettingsConfigTest {
    @Test
    void defaultsAreSgdWithStepDecay() {
        TrainConfig c = TrainSettings.config(SettingValues.NONE.with(TrainSettings.EPOCHS, 10), 3);
        assertThat(c.optimizer()).isEqualTo(OptimizerSpec.sgd(0.9f, 1e-4f));
        assertThat(c.schedule().at(6)).isEqualTo(0.01f);
        assertThat(c.schedule().at(7)).isEqualTo((float) (0.01 * 0.1));
    }

    @Test
    void adamClippingAndTheLinearPolicyAreUsed() {
        SettingValues v = SettingValues.NONE.with(TrainSettings.EPOCHS, 100)
                .with(TrainSettings.OPTIMIZER, OptimizerSpec.Kind.ADAM).with(TrainSettings.ADAM_BETAS, List.of(0.5, 0.999))
                .with(TrainSettings.CLIP_NORM, 5.0).with(TrainSettings.WEIGHT_DECAY, 0.0).with(TrainSettings.LR, 1e-3)
                .with(TrainSettings.LR_POLICY, TrainSettings.LrPolicy.LINEAR).with(TrainSettings.LR_CONSTANT_EPOCHS, 20);
        TrainConfig c = TrainSettings.config(v, 0);
        assertThat(c.optimizer()).isEqualTo(new OptimizerSpec(OptimizerSpec.Kind.ADAM, 0.9f, 0f, 0.5f, 0.999f, 1e-8f, 5f));
        assertThat(c.schedule().at(19)).isEqualTo(1e-3f);
        assertThat(c.schedule().at(99)).isEqualTo((float) (1e-3 / 81));
        // more constant epochs than the run has: a constant rate, not an error
        TrainConfig shorter = TrainSettings.config(v.with(TrainSettings.EPOCHS, 4), 0);
        assertThat(shorter.schedule().at(3)).isEqualTo(1e-3f);
    }

    @Test
    void betasMustBeTwo() {
        SettingValues v = SettingValues.NONE.with(TrainSettings.ADAM_BETAS, List.of(0.5));
        assertThatThrownBy(() -> TrainSettings.config(v, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("train.adam_betas");
    }
}
