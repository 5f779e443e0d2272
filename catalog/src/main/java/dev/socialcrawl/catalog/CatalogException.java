package dev.socialcrawl.catalog;

/** The catalogue file is malformed; the message says where and what. */
public class CatalogException extends RuntimeException {
    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
