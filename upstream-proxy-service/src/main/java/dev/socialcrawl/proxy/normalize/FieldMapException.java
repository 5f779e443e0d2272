package dev.socialcrawl.proxy.normalize;

/** A field map or a normalisation data file is missing or malformed; fails start-up with the file and the problem. */
public class FieldMapException extends RuntimeException {
    public FieldMapException(String message) {
        super(message);
    }

    public FieldMapException(String message, Throwable cause) {
        super(message, cause);
    }
}
