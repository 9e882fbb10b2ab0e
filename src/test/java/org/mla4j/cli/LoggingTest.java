package org.mla4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** --verbose, --quiet and the configured level set the level of mla4j's loggers for each command. */
class LoggingTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("org.mla4j");

    @AfterEach
    void restore() {
        System.clearProperty(Logging.PROPERTY);
        Logging.apply(false, false);
    }

    @Test
    void flagsAndConfiguredLevel() {
        Logging.apply(true, false);
        assertThat(logger.getLevel()).isEqualTo(Level.DEBUG);
        Logging.apply(false, true);
        assertThat(logger.getLevel()).isEqualTo(Level.WARN);
        Logging.apply(false, false);
        assertThat(logger.getLevel()).isEqualTo(System.getenv(Logging.ENVIRONMENT) == null ? Level.INFO
                : Logging.configured());
        System.setProperty(Logging.PROPERTY, "error");
        Logging.apply(false, false);
        assertThat(logger.getLevel()).isEqualTo(Level.ERROR);
        System.setProperty(Logging.PROPERTY, "nonsense");
        assertThat(Logging.configured()).isEqualTo(Level.INFO);
    }

    @Test
    void eachCommandGetsItsOwnLevel() {
        CliRun.of("run", "nowhere.yaml", "--verbose");
        assertThat(logger.getLevel()).isEqualTo(Level.DEBUG);
        CliRun.of("run", "nowhere.yaml");
        assertThat(logger.getLevel()).isEqualTo(Logging.configured());
    }
}
