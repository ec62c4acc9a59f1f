package org.mlregistry.examples.book;

/** The lab book cannot be written where asked: the folder holds other files, or cannot be written. */
public final class LabBookException extends RuntimeException {

    LabBookException(String message) {
        super(message);
    }

    LabBookException(String message, Throwable cause) {
        super(message, cause);
    }
}
