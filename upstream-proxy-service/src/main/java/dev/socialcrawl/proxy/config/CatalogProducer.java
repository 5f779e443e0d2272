package dev.socialcrawl.proxy.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.RequestValidator;

/** The endpoint catalogue, loaded once (a malformed catalogue fails start-up), and its parameter rules. */
public class CatalogProducer {
    @Produces
    @Singleton
    Catalog catalog() {
        return Catalog.loadDefault();
    }

    @Produces
    @Singleton
    RequestValidator requestValidator(Catalog catalog) {
        return new RequestValidator(catalog);
    }
}
