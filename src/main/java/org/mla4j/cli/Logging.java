package org.mla4j.cli;

import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * The level of mla4j's log messages (logger {@code org.mla4j}, written to standard error): by
 * default INFO, or the level named by the environment variable {@code MLA4J_LOG_LEVEL} (or the
 * system property {@code mla4j.log.level}); {@code --verbose} raises it to DEBUG and {@code --quiet}
 * lowers it to WARN for one command. Applied at the start of every command, so an in-process caller
 * that runs several commands gets each one's own level. Does nothing when slf4j is bound to another
 * logging backend than logback (a library user's own configuration wins).
 */
final class Logging {
    static final String ENVIRONMENT = "MLA4J_LOG_LEVEL";
    static final String PROPERTY = "mla4j.log.level";

    private Logging() {
    }

    /** Sets the level for a command with the given flags. */
    static void apply(boolean verbose, boolean quiet) {
        if (!(LoggerFactory.getLogger("org.mla4j") instanceof ch.qos.logback.classic.Logger logger)) {
            return;
        }
        ch.qos.logback.classic.Level level = verbose ? ch.qos.logback.classic.Level.DEBUG
                : quiet ? ch.qos.logback.classic.Level.WARN : configured();
        logger.setLevel(level);
    }

    /** The level from the property or the environment, INFO when neither names a valid level. */
    static ch.qos.logback.classic.Level configured() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv(ENVIRONMENT);
        }
        if (value == null || value.isBlank()) {
            return ch.qos.logback.classic.Level.INFO;
        }
        return ch.qos.logback.classic.Level.toLevel(value.trim().toUpperCase(Locale.ROOT),
                ch.qos.logback.classic.Level.INFO);
    }

    /** The level mla4j's messages are logged at now (for child JVMs, which log like their parent). */
    static String level() {
        org.slf4j.Logger logger = LoggerFactory.getLogger("org.mla4j");
        return logger.isDebugEnabled() ? "DEBUG" : logger.isInfoEnabled() ? "INFO" : logger.isWarnEnabled() ? "WARN"
                : "ERROR";
    }
}
