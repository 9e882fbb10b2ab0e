package org.mla4j.io;

import java.nio.file.Path;

/**
 * Bad input from the user: a file, a setting or a model that cannot be used. The message is one
 * sentence naming the input and what is wrong; the CLI prints it and exits with code 2.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A message of the form "{file}: {problem}". */
    public static InvalidInputException inFile(Path file, String problem) {
        return new InvalidInputException(file + ": " + problem);
    }
}
